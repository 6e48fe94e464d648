"""Issue 9 item 10 in Chromium: the owner opens the activity log and reads what happened as
sentences (money with its currency, time in hours, names instead of ids), then ticks "Overrides
only" and sees the over-budget activation alone — not the rejection that also gave a reason."""

import re

import pytest
from playwright.sync_api import expect

from outsourcer.contracts.services import contract_activate, contract_update, time_entry_reject
from outsourcer.testing.builders import TODAY, log_time, make_budget, make_contract
from outsourcer.testing.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RAW = re.compile(r"_cents|_micros|_id\b|_minutes|\b\d+ min\b")


def test_the_owner_reads_the_log_as_sentences_and_filters_the_overrides(live_server, page, personas):
    base = live_server.url
    page.set_default_timeout(15_000)
    alice = personas.alice
    budget = make_budget(personas, name="Website relaunch", amount_cents=100_000)
    logo = make_contract(personas, budget, title="Logo design", hourly_rate_cents=4000, weekly_cap_minutes=300,
                         activate=False)  # fmt: skip
    logo = contract_update(contract=logo, actor=alice, hourly_rate_cents=4500)
    contract_activate(contract=logo, actor=alice, today=TODAY)
    video = make_contract(personas, budget, rate_model="fixed", title="Launch video", total_cents=200_000,
                          milestones=[{"title": "Cut", "amount_cents": 200_000, "due_on": TODAY}],
                          activate=False)  # fmt: skip
    contract_activate(
        contract=video, actor=alice, today=TODAY, may_override=True, override_reason="The launch cannot wait"
    )
    entry = log_time(logo, minutes=360)
    time_entry_reject(entry=entry, actor=personas.bob, reason="Booked on the wrong task")

    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail").fill(alice.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{base}/o/crumb/activity/")

    results = page.locator("#activity-results")
    expect(results).to_contain_text(
        "Alice Owner changed the contract “Logo design”: raised the hourly rate from €40.00 to €45.00."
    )
    expect(results).to_contain_text(
        "Alice Owner overrode the budget “Website relaunch” to activate the contract “Launch video”, "
        "committing €2,000.00"
    )
    expect(results).to_contain_text("Reason: The launch cannot wait")
    expect(results).to_contain_text("Carol Contractor logged 6 h on 17 Mar 2025 for “Logo design”.")
    expect(results).to_contain_text("Bob Manager rejected 6 h by Carol Contractor on 17 Mar 2025 for “Logo design”.")
    expect(results).to_contain_text("Reason: Booked on the wrong task")
    assert RAW.search(results.inner_text()) is None, results.inner_text()

    page.get_by_label("Overrides only").check()

    expect(page).to_have_url(re.compile(r"overrides=on"))
    expect(results).to_contain_text("1 event")
    expect(results).to_contain_text("overrode the budget “Website relaunch”")
    expect(results).not_to_contain_text("rejected")
    expect(results).not_to_contain_text("raised the hourly rate")
