"""Feedback in Chromium: Alice accepts Carol's hand-over (through the services), finds it in
"Feedback owed", gives ratings, a comment and a private note; Carol reads the ratings and the
comment in her portal — never the note — and rates Crumb on the finished task."""

import re

import pytest
from playwright.sync_api import expect

from outsourcer.oversight.models import OrganizationRating
from outsourcer.oversight.services import deliverable_accept, deliverable_submit
from outsourcer.testing.browser import log_in
from outsourcer.testing.work import make_task
from outsourcer.work.services import task_accept, task_send

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NOTE = "Pricey: ask Dan for a quote next time"


def test_the_owner_gives_feedback_and_the_contractor_reads_it_and_rates_the_organization(
    live_server, browser, page, personas
):
    # Sent with an override: the builders' deadline may be past on today's clock.
    task = task_send(task=make_task(personas, title="Spring menu photos"), actor=personas.alice, override_reason="ok")
    task = task_accept(task=task, contractor=task.contractor)
    deliverable = deliverable_submit(task=task, contractor=task.contractor, links=["https://drive.example/menu"])
    deliverable_accept(deliverable=deliverable, actor=personas.alice)
    base = live_server.url
    page.set_default_timeout(15_000)

    # Alice: the accepted work waits in "Feedback owed"; she gives feedback from there.
    log_in(page, base, personas.alice.email)
    page.get_by_role("link", name="Feedback", exact=True).first.click()
    expect(page.get_by_role("heading", name="Feedback owed")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Spring menu photos")
    row.get_by_role("button", name="Give feedback").or_(row.get_by_role("link", name="Give feedback")).click()
    expect(page.get_by_role("heading", name=re.compile("Feedback on “Spring menu photos”"))).to_be_visible()
    page.locator("input[name=quality][value='5']").check()
    page.locator("input[name=timeliness][value='4']").check()
    page.locator("input[name=communication][value='5']").check()
    page.get_by_label("Comment").fill("Warm light, every dish sharp. Keep this style.")
    page.get_by_label("Private note").fill(NOTE)
    page.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_text("Feedback sent")).to_be_visible()
    expect(page.get_by_text("No feedback owed.")).to_be_visible()

    # Carol: the ratings and the comment, never the private note; then she rates Crumb.
    carol = browser.new_context().new_page()
    carol.set_default_timeout(15_000)
    log_in(carol, base, personas.carol.email)
    carol.goto(f"{base}/portal/feedback/")
    received = carol.locator("article").filter(has_text="Spring menu photos")
    expect(received).to_contain_text("Warm light, every dish sharp.")
    expect(received).to_contain_text("4/5")
    expect(carol.locator("body")).not_to_contain_text("Pricey")
    carol.get_by_role("link", name=re.compile("Rate Crumb")).click()
    carol.locator("input[name=brief_clarity][value='4']").check()
    carol.locator("input[name=responsiveness][value='5']").check()
    carol.locator("input[name=payment_timeliness][value='5']").check()
    carol.get_by_role("button", name="Send the rating").click()
    expect(carol.get_by_text(re.compile("only averages of three or more ratings"))).to_be_visible()
    expect(carol.get_by_role("link", name=re.compile("Rate Crumb"))).to_have_count(0)
    assert OrganizationRating.objects.get().responsiveness == 5
