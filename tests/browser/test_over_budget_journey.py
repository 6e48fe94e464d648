"""Issue 9 item 3 in Chromium: the owner opens a budget, sees the contracts drawing from it, and
activating the third contract shows the over-budget warning with its sum (spent + committed +
expected hourly + this contract against the amount) and what would fit; the override goes
through with a reason and the budget then says it is over, with the same numbers.

Dates are chosen so the journey holds on any day: a one-off budget around today and contracts
that start today, so the hourly forecast is exactly 7 days × the weekly cap."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from outsourcer.budgets.periods import today_for
from outsourcer.testing.builders import make_budget, make_contract
from outsourcer.testing.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fixed(personas, budget, title, cents, due_on, **kwargs):
    return make_contract(
        personas, budget, rate_model="fixed", title=title, starts_on=due_on - timedelta(days=3), ends_on=budget.ends_on,
        total_cents=cents,
        milestones=[{"title": "All", "amount_cents": cents, "due_on": due_on}], **kwargs,
    )  # fmt: skip


def test_the_owner_sees_the_sum_when_the_third_contract_does_not_fit(live_server, page, personas):
    base = live_server.url
    today = today_for(personas.org)
    page.set_default_timeout(15_000)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    # €1,000 from a week ago to six days ahead: the rest of the period is 7 days from today.
    budget = make_budget(personas, name="Spring campaign", period="one_off", amount_cents=100_000,
                         starts_on=today - timedelta(days=7), ends_on=today + timedelta(days=6))  # fmt: skip
    # 10 h a week at €60 for 7 days: €600 expected; a €300 fixed price due in three days. €900: fits.
    make_contract(personas, budget, title="Lookbook hours", starts_on=today, ends_on=today + timedelta(days=6),
                  hourly_rate_cents=6000, weekly_cap_minutes=600, today=today)  # fmt: skip
    _fixed(personas, budget, "Shop banners", 30_000, today + timedelta(days=3), today=today)
    _fixed(personas, budget, "Launch video", 25_000, today + timedelta(days=3), activate=False)

    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail").fill(personas.alice.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{base}/o/crumb/budgets/{budget.pk}/")
    expect(page.get_by_role("heading", name=re.compile("Spring campaign"))).to_contain_text("Watch it")
    contracts = page.locator("table.contract-spend")
    expect(contracts).to_contain_text("Lookbook hours")
    expect(contracts).to_contain_text("Shop banners")
    contracts.get_by_role("link", name="Launch video").click()

    page.get_by_role("button", name="Activate").click()
    guard = page.get_by_role("alert").filter(has_text="does not fit the budget")
    expect(guard).to_contain_text(
        "Launch video would take “Spring campaign” to €1,150.00 of its €1,000.00 this period (€150.00 over): "
        "spent €0.00 + committed €300.00 + expected hourly €600.00 + this contract €250.00."
    )
    expect(guard.get_by_role("row", name=re.compile("= Total"))).to_contain_text("€1,150.00")
    expect(guard.get_by_role("row", name=re.compile("Over by"))).to_contain_text("€150.00")
    expect(guard).to_contain_text("What would fit: up to €100.00 this period.")

    # One step: a reason and one button that says what it does; nothing else activates here.
    expect(page.get_by_role("button", name="Activate", exact=True)).to_have_count(0)
    guard.get_by_role("button", name="Activate over budget").click()
    # Without a reason the same warning, with its numbers, stays; the error sits by the reason.
    guard = page.get_by_role("alert").filter(has_text="does not fit the budget")
    expect(guard.get_by_role("row", name=re.compile("Over by"))).to_contain_text("€150.00")
    expect(guard).to_contain_text("Give a reason for the override.")
    guard.get_by_label("Reason for the override").fill("The launch pays for it")
    guard.get_by_role("button", name="Activate over budget").click()
    expect(page.get_by_text("“Launch video” is now active.")).to_be_visible()
    assert dialogs == []  # no browser dialog on the way

    page.get_by_role("link", name="Spring campaign").first.click()
    expect(page.get_by_role("heading", name=re.compile("Spring campaign"))).to_contain_text("Over budget")
    expect(page.locator(".figures-sum")).to_contain_text("= €1,150.00 of €1,000.00 (115 %)")
