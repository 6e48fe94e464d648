"""Issue 9 item 9 in Chromium: the owner logs in and her home says what needs her today: Carol's
time waiting for review and a contract about to end, each a link to where it is acted on. She
approves the time from there and, back home, only the contract is left.

Dates come from the organization's today, so the journey holds on any day."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from outsourcer.budgets.periods import today_for
from outsourcer.testing.builders import make_budget
from outsourcer.testing.factories import PASSWORD
from outsourcer.testing.rows import insert_hourly_contract, insert_time_entry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_owner_sees_what_needs_her_and_acts_on_it(live_server, page, personas):
    today = today_for(personas.org)
    budget = make_budget(personas, amount_cents=10**9)
    photos = insert_hourly_contract(budget, personas.carol_engagement, title="Spring lookbook photos")
    insert_time_entry(photos, minutes=90, note="Retouching")
    insert_hourly_contract(budget, personas.carol_engagement, title="Shop banners", ends_on=today + timedelta(days=5))
    base = live_server.url
    page.set_default_timeout(15_000)

    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail").fill(personas.alice.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{base}/o/crumb/")

    needs = page.locator("section.needs")
    expect(needs.get_by_role("heading", name="Needs you today")).to_be_visible()
    expect(needs).to_contain_text("1 entry, 1 h 30 min, waiting since today")
    expect(needs).to_contain_text("Shop banners · Carol Contractor: ends in 5 days")
    expect(needs).to_contain_text("next 14 days")

    needs.get_by_role("link", name="Review Carol Contractor's time").click()
    expect(page).to_have_url(re.compile(r"/o/crumb/contracts/time/\?contractor="))
    page.get_by_role("row", name=re.compile("Retouching")).get_by_role("button", name="Approve").click()
    expect(page.get_by_role("row", name=re.compile("Retouching"))).to_contain_text("Approved")

    page.goto(f"{base}/o/crumb/")
    expect(needs.get_by_role("link", name="Review Carol Contractor's time")).to_have_count(0)
    needs.get_by_role("link", name="Shop banners · Carol Contractor").click()
    expect(page.get_by_role("heading", name=re.compile("Shop banners"))).to_be_visible()
