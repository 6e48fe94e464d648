"""The hiring pipeline end to end in Chromium: Alice posts a job through the form, opens it and
invites Carol and Erin; both bid from their portals (a fixed price and an hourly rate); Alice
compares the bids, schedules an interview with Carol and scores it once it has been held, asks a
referee who answers through the e-mailed link, and awards the job with an owner's override of the
vetting policy. The page after the award is the contract, and Erin's portal says she lost."""

import re
from datetime import datetime, time, timedelta
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from outsourcer.contracts.models import Contract
from outsourcer.hiring.models import Bid, Job
from outsourcer.testing.browser import PHONE, log_in, page_width
from outsourcer.testing.builders import make_budget
from outsourcer.testing.factories import ContractorFactory, EngagementFactory, UserFactory
from outsourcer.testing.hiring import insert_bid, insert_job, second_bidder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Photos for the winter menu"
BERLIN = ZoneInfo("Europe/Berlin")  # Alice's zone: the forms read her local times


def _weekday_after(day, days):
    day += timedelta(days=days)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _bid(page: Page, base: str, *, fill) -> None:
    """From the portal's home, through the Jobs menu to the job, and send a bid."""
    page.goto(f"{base}/portal/")
    expect(page.get_by_text("1 job waiting for your bid")).to_be_visible()
    page.get_by_role("navigation").get_by_role("link", name="Jobs", exact=True).first.click()
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    fill(page)
    page.get_by_role("button", name="Send bid").click()
    expect(page.get_by_text(f"Your bid on “{TITLE}” is sent.")).to_be_visible()


def test_a_job_goes_from_the_brief_to_a_contract(live_server, page, browser, personas):
    base, org = live_server.url, personas.org.slug
    page.set_default_timeout(15_000)
    today = timezone.localdate(timezone=BERLIN)
    start, finish = today + timedelta(days=10), today + timedelta(days=30)
    budget = make_budget(personas, name="Photography", amount_cents=1_000_000)
    erin_user = UserFactory(email="erin@lens.example", name="Erin Lens")
    erin = ContractorFactory(user=erin_user, name="Erin Lens", email=erin_user.email, skills="photography")
    EngagementFactory(organization=personas.org, contractor=erin)

    # Alice posts the job through the form and opens it.
    log_in(page, base, personas.alice.email)
    page.goto(f"{base}/o/{org}/hiring/jobs/")
    page.get_by_role("button", name="Post a job").first.click()
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Budget").select_option(str(budget.pk))
    page.get_by_label("Goal").fill("Sell more winter pastries online.")
    page.get_by_label("Deliverables").fill("25 edited photos, JPEG.")
    page.get_by_label("Deadline of the work").fill((today + timedelta(days=40)).isoformat())
    page.get_by_label("Expected amount").fill("1500")
    page.get_by_label("Up to").fill("3000")
    page.get_by_label("Bids due").fill(f"{(today + timedelta(days=7)).isoformat()}T17:00")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(f"“{TITLE}” saved.")).to_be_visible()
    page.get_by_role("navigation", name="breadcrumb").get_by_role("link", name="Jobs").click()
    page.get_by_role("link", name=TITLE).click()
    page.get_by_text("Open for bids").click()
    page.get_by_role("button", name=f"Open “{TITLE}”").click()
    expect(page.get_by_text(f"“{TITLE}” is open for bids.")).to_be_visible()
    job_url = page.url

    # ... and invites Carol and Erin.
    page.get_by_label(re.compile("Carol Contractor")).check()
    page.get_by_label(re.compile("Erin Lens")).check()
    page.get_by_role("button", name="Invite contractors").click()
    expect(page.get_by_text("2 contractors invited.")).to_be_visible()

    # Both bid from their own portals.
    carol = browser.new_context().new_page()
    carol.set_default_timeout(15_000)
    log_in(carol, base, personas.carol.email)

    def fixed_price(p):
        p.get_by_label("Fixed price").check()
        p.get_by_label("Fixed total").fill("2500")
        p.get_by_label("You could start on").fill(start.isoformat())
        p.get_by_label("You would finish by").fill(finish.isoformat())

    _bid(carol, base, fill=fixed_price)
    erin_page = browser.new_context().new_page()
    erin_page.set_default_timeout(15_000)
    log_in(erin_page, base, erin_user.email)

    def hourly(p):
        p.get_by_label("Hourly", exact=True).check()
        p.get_by_label("Hourly rate").fill("50")
        p.get_by_label("Estimated hours").fill("40")
        p.get_by_label("You could start on").fill(start.isoformat())
        p.get_by_label("You would finish by").fill(finish.isoformat())

    _bid(erin_page, base, fill=hourly)

    # Alice compares: a column per bidder, Erin's hourly estimate (€2,000) the cheapest.
    page.goto(job_url)
    page.get_by_role("button", name="Compare bids").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Compare bids")
    headers = page.locator("table.compare thead th")
    expect(headers).to_have_count(3)
    expect(page.locator("table.compare thead th", has_text="Erin Lens")).to_contain_text("Cheapest")
    expect(page.locator("table.compare thead th", has_text="Carol Contractor")).not_to_contain_text("Cheapest")

    # She schedules an interview with Carol from her column, on a weekday in Carol's working hours.
    day = _weekday_after(today, 2)
    page.get_by_role("link", name="Schedule an interview with Carol Contractor").click()
    expect(page.get_by_label("Contractor")).to_have_value(str(personas.carol_engagement.pk))
    page.get_by_label("Day").fill(day.isoformat())
    page.get_by_label("Time").fill("11:00")
    page.get_by_label("Where").fill("https://meet.example/crumb")
    page.get_by_role("button", name="Schedule and invite").click()
    scheduled = "Interview with Carol Contractor scheduled; the invitations are on their way."
    expect(page.get_by_text(scheduled)).to_be_visible()
    interview_url = page.url

    # The interview is held; Alice scores it afterwards.
    with time_machine.travel(datetime.combine(day, time(12, 0), tzinfo=BERLIN), tick=True):
        page.goto(interview_url)
        for criterion in ("communication", "skill", "reliability", "understanding"):
            page.locator(f"#id_{criterion}_3").check()  # 4 of 5
        page.get_by_label("Notes").fill("Clear plan for the shoot.")
        page.get_by_role("button", name="Save my scorecard").click()
        expect(page.get_by_text("Your scorecard is saved.")).to_be_visible()

        # A reference for Carol, answered through the e-mailed link.
        page.goto(job_url)
        page.get_by_role("link", name="Vetting of Carol Contractor").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Vetting Carol Contractor")
        page.get_by_label("Referee's name").fill("Pat Referee")
        page.get_by_label("Referee's e-mail").fill("pat@referee.example")
        page.get_by_label("Relationship").fill("Client for two years")
        page.get_by_role("button", name="Send the questionnaire").click()
        expect(page.get_by_text("Pat Referee has been asked for a reference by e-mail.")).to_be_visible()
        [asked] = [m for m in mail.outbox if m.to == ["pat@referee.example"]]
        link = re.search(r"https?://\S+/h/references/\S+/", asked.body).group(0)
        referee = browser.new_context().new_page()
        referee.set_default_timeout(15_000)
        referee.goto(base + urlparse(link).path)
        referee.get_by_label("How many months did you work together?").fill("24")
        referee.get_by_label("Reliability: did they do what they said, when they said?").select_option("5")
        referee.get_by_label("Quality of their work").select_option("4")
        referee.get_by_label("Communication").select_option("4")
        referee.get_by_label("Yes").check()
        referee.get_by_label("Comments").fill("Calm under deadlines.")
        referee.get_by_role("button", name="Send my answers").click()
        expect(referee.get_by_role("heading", level=1)).to_have_text("Thank you")
        page.reload()
        expect(page.get_by_text("Calm under deadlines.")).to_be_visible()

        # The award: one reference of the two the policy asks, so Alice overrides with a reason.
        page.goto(job_url)
        page.get_by_role("link", name="Award to Carol Contractor").click()
        expect(page.get_by_text("Not passed")).to_be_visible()
        expect(page.get_by_role("group", name="Erin Lens").get_by_label("Decline")).to_be_checked()
        page.get_by_label("Reason for awarding without passing vetting").fill(
            "Pat's reference and the interview are enough for a one-off shoot."
        )
        page.get_by_text("Award to Carol Contractor…").click()
        page.get_by_role("button", name="Award and create the contract").click()
        expect(page.get_by_text(f"Carol Contractor won “{TITLE}”: the contract is active.")).to_be_visible()
        contract = Contract.objects.get()
        assert page.url.endswith(f"/o/{org}/contracts/{contract.pk}/")
        expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
        assert (contract.contractor, contract.rate_model, contract.total_cents) == (
            personas.carol_contractor,
            "fixed",
            250_000,
        )
        assert Job.objects.get().contract == contract
        assert dict(Bid.objects.values_list("contractor__name", "status")) == {
            "Carol Contractor": "awarded",
            "Erin Lens": "declined",
        }

        # Erin hears in her portal that another bid was chosen; Carol's notice opens the job.
        erin_page.goto(f"{base}/notifications/")
        expect(erin_page.get_by_text(f"Crumb & Co. chose another bid for “{TITLE}”")).to_be_visible()
        carol.goto(f"{base}/notifications/")
        notice = carol.get_by_role("listitem").filter(has_text=f"Crumb & Co. accepted your bid on “{TITLE}”")
        notice.get_by_role("button", name="Open").click()
        expect(carol.get_by_role("heading", level=1)).to_have_text(TITLE)
        expect(carol.get_by_text("Awarded", exact=True).first).to_be_visible()


def test_the_job_with_its_bid_actions_and_the_comparison_fit_a_phone(live_server, browser, personas):
    job = insert_job(personas, title="A job title long enough to wrap on a narrow phone screen")
    insert_bid(job, personas.carol_engagement)
    insert_bid(job, second_bidder(personas), total_cents=250_000)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, live_server.url, personas.alice.email)
    org = f"{live_server.url}/o/{personas.org.slug}/hiring"
    for url in (f"{org}/jobs/{job.pk}/", f"{org}/jobs/{job.pk}/compare/", f"{org}/jobs/"):
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert page_width(page) <= PHONE["width"], f"{url} scrolls sideways"
    context.close()
