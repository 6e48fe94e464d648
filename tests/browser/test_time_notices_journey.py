"""Time notices in Chromium: Carol sees, before saving, that her entry takes the contract over its
weekly cap, logs it anyway; Alice finds the time waiting in her notifications, opens it and
rejects it with a reason; Carol finds the rejection and the reason in her portal inbox and opens
the entry to correct it.

The contract is open-ended and started long ago, and Carol's earlier 18 h fall on her own today,
so the week and the cap hold on any day at any hour."""

import re

import pytest
from playwright.sync_api import expect

from outsourcer.contracts.services import time_entry_approve
from outsourcer.lib.timezones import today_in
from outsourcer.testing.builders import log_time, make_budget, make_contract
from outsourcer.testing.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_cap_warning_waiting_time_and_the_rejection_reason_reach_the_right_people(live_server, browser, page, personas):
    contract = make_contract(personas, make_budget(personas, amount_cents=10**9), title="Spring lookbook photos")
    carols_today = today_in(personas.carol_contractor.time_zone)
    time_entry_approve(entry=log_time(contract, worked_on=carols_today, minutes=18 * 60), actor=personas.alice)
    base = live_server.url
    page.set_default_timeout(15_000)

    # Carol: the preview warns before anything is saved, with the numbers.
    _log_in(page, base, personas.carol.email)
    page.goto(f"{base}/portal/time/")
    preview = page.locator("#id_duration_understood")
    page.get_by_label("Time worked").fill("3")
    expect(preview).to_contain_text("Understood: 3 h")
    expect(preview).to_contain_text("Over the weekly cap: Spring lookbook photos allows 20 h a week")
    expect(preview).to_contain_text("would reach 21 h (18 h logged + 3 h), 1 h over")
    page.get_by_label("Time worked").fill("2")
    expect(preview).to_have_text("Understood: 2 h")
    page.get_by_label("Time worked").fill("3")
    expect(preview).to_contain_text("1 h over")
    page.get_by_label("Note").fill("Extra retouching")
    page.get_by_role("button", name="Log time").click()
    expect(page.get_by_text(re.compile("Logged 3 h on Spring lookbook photos"))).to_be_visible()
    expect(page.locator(".flash-warning")).to_contain_text("1 h over")

    # Alice: the waiting time is in her notifications; it opens the review queue for that week.
    alice = browser.new_context().new_page()
    alice.set_default_timeout(15_000)
    _log_in(alice, base, personas.alice.email)
    alice.goto(f"{base}/notifications/")
    waiting = alice.get_by_role("listitem").filter(has_text="Carol Contractor has 3 h waiting for review")
    expect(waiting).to_contain_text("Spring lookbook photos")
    waiting.get_by_role("button", name="Open").click()
    expect(alice).to_have_url(re.compile(r"/o/crumb/contracts/time/\?contract=\d+&week=\d{4}-W\d\d"))
    alice.get_by_role("textbox", name=re.compile("Reason for rejecting Carol Contractor")).fill(
        "Only two hours were agreed for retouching"
    )
    alice.get_by_role("button", name="Reject", exact=True).click()
    expect(alice.get_by_text("Only two hours were agreed for retouching")).to_be_visible()

    # Carol: the rejection and its reason are in her inbox, and open the entry to correct.
    page.goto(f"{base}/notifications/")
    rejected = page.get_by_role("listitem").filter(has_text="Crumb & Co. rejected 3 h on Spring lookbook photos")
    expect(rejected).to_contain_text("Reason: “Only two hours were agreed for retouching”")
    rejected.get_by_role("button", name="Open").click()
    expect(page).to_have_url(re.compile(r"/portal/time/\d+/$"))
    expect(page.get_by_text(re.compile("Rejected.*Only two hours were agreed for retouching"))).to_be_visible()
