"""A hand-over reviewed in Chromium: Carol hands over a PDF, Alice asks for changes with a reason,
Carol hands over version 2, Alice accepts it; the deliverable page fits a phone."""

import re

import pytest
import time_machine
from playwright.sync_api import expect

from outsourcer.testing.browser import PHONE, log_in, page_width
from outsourcer.testing.builders import NOW
from outsourcer.testing.oversight import PDF_BYTES, make_working_task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _switch_to(page, base, user):
    page.context.clear_cookies()
    log_in(page, base, user.email)


def _hand_over(page, base, task, pdf, note):
    page.goto(f"{base}/portal/tasks/{task.pk}/")
    page.get_by_role("button", name="Hand over work").click()
    page.get_by_label("Note").fill(note)
    page.get_by_label("Files").set_input_files(str(pdf))
    page.get_by_role("button", name="Hand over").click()
    expect(page.get_by_text(re.compile("You handed over"))).to_be_visible()


def test_carol_hands_over_alice_asks_for_changes_then_accepts_version_2(live_server, page, personas, tmp_path):
    with time_machine.travel(NOW, tick=False):  # the builders' brief is clear on their day
        task = make_working_task(personas, title="Menu photos")
    pdf = tmp_path / "menu.pdf"
    pdf.write_bytes(PDF_BYTES)
    base = live_server.url
    page.set_default_timeout(15_000)

    log_in(page, base, personas.carol.email)
    _hand_over(page, base, task, pdf, "All twelve dishes.")
    expect(page.get_by_text("Waiting for review.")).to_be_visible()

    _switch_to(page, base, personas.alice)
    page.goto(f"{base}/o/{personas.org.slug}/oversight/reviews/")
    page.get_by_role("link", name="Menu photos").click()
    expect(page.get_by_role("link", name="menu.pdf")).to_be_visible()
    page.get_by_text("Request changes").click()
    page.get_by_label("Something is missing").check()
    page.get_by_role("textbox", name="Comment").fill("The desserts are missing.")
    page.get_by_role("button", name="Send the request for changes").click()
    expect(page.get_by_text(re.compile("You asked for changes"))).to_be_visible()
    deliverable_url = page.url

    _switch_to(page, base, personas.carol)
    page.goto(f"{base}/portal/deliverables/")
    page.get_by_role("link", name="Menu photos").click()
    expect(page.get_by_text("The desserts are missing.")).to_be_visible()
    expect(page.get_by_text("Something is missing")).to_be_visible()
    _hand_over(page, base, task, pdf, "Desserts added.")
    expect(page.get_by_text("Version 2")).to_be_visible()

    _switch_to(page, base, personas.alice)
    page.goto(deliverable_url)
    expect(page.get_by_role("heading", name="Your review of version 2")).to_be_visible()
    page.get_by_role("button", name="Accept").click()
    expect(page.get_by_text(re.compile("You accepted “Menu photos”"))).to_be_visible()
    expect(page.get_by_text(re.compile("decided in")).first).to_be_visible()

    page.set_viewport_size(PHONE)
    page.goto(deliverable_url)
    assert page_width(page) <= PHONE["width"]
