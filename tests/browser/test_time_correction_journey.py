"""The contractor's time in Chromium: Carol types "1,5", sees "1 h 30 min" understood before saving,
saves, is rejected, corrects the entry and it goes back for review."""

import re

import pytest
from playwright.sync_api import expect

from outsourcer.contracts.models import TimeEntry
from outsourcer.contracts.services import time_entry_reject
from outsourcer.testing.builders import make_budget, make_contract
from outsourcer.testing.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_carol_logs_one_and_a_half_hours_gets_rejected_and_resubmits(live_server, page, personas):
    # An open-ended contract that started long ago: Carol's "today" is inside it on any day.
    make_contract(personas, make_budget(personas, amount_cents=10**9), title="Spring lookbook photos")
    base = live_server.url
    page.set_default_timeout(15_000)
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail").fill(personas.carol.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.goto(f"{base}/portal/time/")
    page.get_by_label("Time worked").fill("1,5")
    expect(page.locator("#id_duration_understood")).to_have_text("Understood: 1 h 30 min")
    page.get_by_label("Note").fill("Retouching")
    page.get_by_role("button", name="Log time").click()
    expect(page.get_by_text(re.compile("Logged 1 h 30 min on Spring lookbook photos"))).to_be_visible()

    time_entry_reject(entry=TimeEntry.objects.get(), actor=personas.alice, reason="Only one hour was agreed")
    page.reload()
    row = page.get_by_role("row", name=re.compile("Retouching"))
    expect(row).to_contain_text("Only one hour was agreed")
    row.get_by_role("link", name="Correct").click()

    expect(page.get_by_text(re.compile("Only one hour was agreed"))).to_be_visible()
    page.get_by_label("Time worked").fill("1:00")
    expect(page.locator("#id_duration_understood")).to_have_text("Understood: 1 h")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your time entry is saved and submitted again for review: 1 h.")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Retouching"))).to_contain_text("Submitted")
