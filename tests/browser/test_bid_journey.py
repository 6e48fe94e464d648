"""Carol bids in Chromium: the Jobs menu leads to the job, the form shows only the chosen rate
model's terms, she sends a fixed price, revises it hourly, asks a question, withdraws with the
in-page confirmation and bids again."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from outsourcer.hiring.models import Bid
from outsourcer.lib.timezones import today_in
from outsourcer.testing.browser import PHONE, log_in, page_width
from outsourcer.testing.hiring import insert_invitation, insert_job

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_carol_bids_revises_asks_and_withdraws(live_server, page, personas):
    job = insert_job(personas, created_by=personas.alice, title="Spring menu photos",
                     bids_due_at=timezone.now() + timedelta(days=7))  # fmt: skip
    insert_invitation(job, personas.carol_engagement)
    # Dates from the test clock (TEST_TODAY), in Carol's zone, where the portal reads them.
    carols_today = today_in(personas.carol_contractor.time_zone)
    start, finish = carols_today + timedelta(days=3), carols_today + timedelta(days=20)
    base = live_server.url
    page.set_default_timeout(15_000)
    log_in(page, base, personas.carol.email)

    page.goto(f"{base}/portal/")
    page.get_by_role("link", name="Jobs").first.click()
    page.get_by_role("link", name="Spring menu photos").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Spring menu photos")

    # Only the chosen model's terms show.
    page.get_by_label("Fixed price").check()
    expect(page.get_by_label("Fixed total")).to_be_visible()
    expect(page.get_by_label("Hourly rate")).to_be_hidden()
    page.get_by_label("Fixed total").fill("2500")
    page.get_by_label("You could start on").fill(start.isoformat())
    page.get_by_label("You would finish by").fill(finish.isoformat())
    page.get_by_role("button", name="Send bid").click()
    expect(page.get_by_text("Your bid on “Spring menu photos” is sent.")).to_be_visible()

    page.get_by_label("Hourly", exact=True).check()
    expect(page.get_by_label("Fixed total")).to_be_hidden()
    page.get_by_label("Hourly rate").fill("50")
    page.get_by_label("Estimated hours").fill("40")
    page.get_by_role("button", name="Send revision").click()
    expect(page.get_by_text("Your bid on “Spring menu photos” is sent (revision 2).")).to_be_visible()
    expect(page.get_by_text("Earlier revisions (1)")).to_be_visible()

    page.get_by_label("Message").fill("Can we shoot on Saturday?")
    page.get_by_role("button", name="Send message").click()
    expect(page.get_by_text("Can we shoot on Saturday?")).to_be_visible()

    page.get_by_text("Withdraw my bid").click()
    page.get_by_role("button", name="Yes, withdraw it").click()
    expect(page.get_by_text(re.compile("Your bid is withdrawn"))).to_be_visible()
    page.get_by_role("button", name="Send bid").click()
    expect(page.get_by_text("Your bid on “Spring menu photos” is sent (revision 3).")).to_be_visible()
    assert Bid.objects.get().total_cents == 200_000


def test_the_jobs_pages_fit_a_phone(live_server, browser, personas):
    job = insert_job(personas, created_by=personas.alice, bids_due_at=timezone.now() + timedelta(days=7),
                     title="A job title long enough to wrap on a narrow phone screen")  # fmt: skip
    insert_invitation(job, personas.carol_engagement)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, live_server.url, personas.carol.email)
    for url in (f"{live_server.url}/portal/hiring/jobs/", f"{live_server.url}/portal/hiring/jobs/{job.pk}/"):
        page.goto(url)
        assert page_width(page) <= PHONE["width"], f"{url} scrolls sideways"
    context.close()
