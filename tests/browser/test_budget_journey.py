"""The budget journey in Chromium: the owner sets up a budget and an hourly contract with Carol,
Carol logs her time in the portal, the owner approves it on the time page, and the budget page
shows the spend and the threshold alert the worker sent (the Immediate tasks backend runs it); its
rate advisor opens on demand and compares the rate models.

Dates are chosen so the journey holds on any day at any hour: a one-off budget around today and a
two-day contract (yesterday and today), so Carol's "today" in Lisbon is always inside it."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from outsourcer.budgets.periods import today_for
from outsourcer.testing.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_owner_budgets_contracts_and_approves_time_that_crosses_an_alert(live_server, page, browser, personas):
    base = live_server.url
    today = today_for(personas.org)
    page.set_default_timeout(15_000)

    # Alice creates a one-off €1,000 budget around today.
    _log_in(page, base, personas.alice.email)
    page.goto(f"{base}/o/crumb/budgets/")
    page.get_by_role("button", name="Create your first budget").click()
    page.get_by_label("Name").fill("Spring campaign")
    page.get_by_label("One-off").check()
    page.get_by_label("Amount per period").fill("1,000.00")
    page.get_by_label("Starts on").fill((today - timedelta(days=7)).isoformat())
    page.get_by_label("Ends on").fill((today + timedelta(days=7)).isoformat())
    page.get_by_role("button", name="Create budget").click()
    expect(page.get_by_role("heading", name=re.compile("Spring campaign"))).to_be_visible()
    expect(page.get_by_text("No alert has gone out for this period.")).to_be_visible()

    # An hourly contract with Carol: €60/h, at most 10 h a week, yesterday and today. It fits.
    page.get_by_role("link", name="Contracts", exact=True).click()
    page.get_by_role("button", name="New contract").first.click()
    page.get_by_label(re.compile(r"^Title")).fill("Spring lookbook photos")
    page.get_by_label("Contractor").select_option(label="Carol Contractor")
    page.get_by_label("Budget").select_option(label="Spring campaign (EUR)")
    page.get_by_label("Hourly", exact=True).check()
    page.get_by_label("Starts on").fill((today - timedelta(days=1)).isoformat())
    page.get_by_label("Ends on").fill(today.isoformat())
    page.get_by_role("textbox", name="Hourly rate").fill("60")
    page.get_by_label("Weekly hour cap").fill("10")
    page.get_by_role("button", name="Create draft contract").click()
    expect(page.get_by_text("Draft contract “Spring lookbook photos” saved.")).to_be_visible()
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_text("“Spring lookbook photos” is now active.")).to_be_visible()

    # Carol logs 9 hours in the portal.
    carol = browser.new_context().new_page()
    carol.set_default_timeout(15_000)
    _log_in(carol, base, personas.carol.email)
    carol.goto(f"{base}/portal/time/")
    expect(carol.get_by_text("€60.00/h, up to 10 h a week")).to_be_visible()
    carol.get_by_label("Time worked").fill("9:00")
    carol.get_by_label("Note").fill("Shot and edited the spring lookbook")
    carol.get_by_role("button", name="Log time").click()
    expect(carol.get_by_text("Logged 9 h on Spring lookbook photos for Crumb & Co.")).to_be_visible()
    expect(carol.get_by_role("row", name=re.compile("Shot and edited"))).to_contain_text("Submitted")
    carol.context.close()

    # Alice approves it in place on the time page: €540 posted, 54 % of the budget.
    page.get_by_role("link", name="Time", exact=True).click()
    row = page.get_by_role("row", name=re.compile("Shot and edited the spring lookbook"))
    expect(row).to_contain_text("9 h")
    row.get_by_role("button", name="Approve").click()
    expect(page.locator("tr.time-row").first).to_contain_text("Approved")

    # The budget page shows the spend and the alert; the owner has an unread notification.
    page.get_by_role("link", name="Budgets", exact=True).click()
    budget_row = page.get_by_role("row", name=re.compile("Spring campaign"))
    expect(budget_row).to_contain_text("€540.00")
    # The bar counts what the rest of today is expected to cost too: €540 + 10 h × €60 / 7 = €625.71.
    expect(budget_row).to_contain_text("62 %")
    budget_row.get_by_role("link", name="Spring campaign").click()
    expect(page.get_by_text(re.compile(r"Spend crossed 50 %"))).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Carol Contractor")).first).to_contain_text("€540.00")

    # The rate advisor's form is loaded when opened (htmx), then answers in place.
    advice = page.locator("#advice")
    advice.get_by_role("button", name="Compare rate models").click()
    advice.get_by_label("Estimated hours (or the low end)").fill("10")
    advice.get_by_label("Contractor").select_option(label="Carol Contractor")
    advice.get_by_role("button", name="Compare", exact=True).click()
    expect(page.locator("#advice")).to_contain_text("Fixed price")
    # One unread: the alert. Carol's time was waiting for review when she logged it; approving it
    # settled that line (read, still listed).
    expect(page.locator(".bell .badge")).to_have_text("1")
    page.get_by_role("link", name=re.compile("^Notifications")).click()
    expect(page.get_by_text(re.compile("“Spring campaign” has used 54 %"))).to_be_visible()
    expect(page.get_by_text(re.compile("Carol Contractor has 9 h waiting for review"))).to_be_visible()
