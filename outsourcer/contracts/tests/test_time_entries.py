from datetime import date, timedelta

import pytest
import time_machine
from django.http import Http404

from outsourcer.audit.models import Event
from outsourcer.budgets.models import SpendEntry
from outsourcer.contracts.access import access_time_entry_for_contractor
from outsourcer.contracts.models import TimeEntry, TimeEntryStatus
from outsourcer.contracts.services import (
    contract_complete,
    time_entry_approve,
    time_entry_approve_bulk,
    time_entry_create,
    time_entry_reject,
    time_entry_reject_bulk,
    time_entry_update,
)
from outsourcer.lib.errors import DomainError, FieldErrors, OverrideRequired
from outsourcer.testing.builders import TODAY, log_time, make_budget, make_contract

pytestmark = pytest.mark.django_db

BIG = 10**9


@pytest.fixture
def hourly(personas):
    return make_contract(personas, make_budget(personas, amount_cents=BIG))


# --- logging --------------------------------------------------------------------------------------


def test_a_contractor_logs_time_on_an_active_contract(personas, hourly):
    entry = log_time(hourly, minutes=95, note="Shoot")

    assert (entry.status, entry.minutes, entry.organization_id, entry.contractor_id) == (
        "submitted", 95, personas.org.pk, personas.carol_contractor.pk,
    )  # fmt: skip
    assert Event.objects.filter(action="time_entry_created", actor=personas.carol).exists()


@pytest.mark.parametrize("minutes", [0, 1441, -5, True, None])
def test_minutes_are_between_1_and_1440(hourly, minutes):
    with pytest.raises(FieldErrors) as caught:
        log_time(hourly, minutes=minutes)
    assert "minutes" in caught.value.errors


def test_time_lies_within_the_contract_and_not_in_the_future(personas):
    contract = make_contract(personas, make_budget(personas, amount_cents=BIG), starts_on=date(2025, 3, 10))
    with pytest.raises(FieldErrors) as caught:
        log_time(contract, worked_on=date(2025, 3, 9))
    assert "worked_on" in caught.value.errors
    with time_machine.travel(date(2025, 3, 20)), pytest.raises(FieldErrors) as caught:
        log_time(contract, worked_on=date(2025, 3, 22))
    assert caught.value.errors["worked_on"] == "Log time for today or an earlier day."


def test_time_is_not_logged_on_fixed_draft_or_closed_contracts(personas):
    budget = make_budget(personas, amount_cents=BIG)
    for contract in (
        make_contract(personas, budget, rate_model="fixed"),
        make_contract(personas, budget, activate=False),
    ):
        with pytest.raises(DomainError) as caught:
            log_time(contract)
        assert caught.value.code == "not_loggable"
    closed = make_contract(personas, budget)
    contract_complete(contract=closed, actor=personas.bob)
    with pytest.raises(DomainError):
        log_time(closed)


def test_a_contractor_cannot_log_on_someone_elses_contract(personas, hourly):
    with pytest.raises(DomainError):
        time_entry_create(contractor=personas.dan_contractor, contract=hourly, worked_on=TODAY, minutes=10)


def test_a_contractor_edits_until_the_entry_is_reviewed(personas, hourly):
    entry = log_time(hourly, minutes=30)

    time_entry_update(entry=entry, contractor=personas.carol_contractor, worked_on=TODAY, minutes=45, note="More")
    entry.refresh_from_db()
    assert (entry.minutes, entry.note) == (45, "More")

    time_entry_approve(entry=entry, actor=personas.bob)
    with pytest.raises(DomainError) as caught:
        time_entry_update(entry=entry, contractor=personas.carol_contractor, worked_on=TODAY, minutes=50)
    assert caught.value.code == "already_reviewed"


def test_access_for_contractor_is_scoped_to_their_own_entries(personas, hourly):
    entry = log_time(hourly)
    assert access_time_entry_for_contractor(personas.carol_contractor, entry.pk) == entry
    with pytest.raises(Http404):
        access_time_entry_for_contractor(personas.dan_contractor, entry.pk)


# --- approval posts spend -------------------------------------------------------------------------


def test_approving_hourly_time_posts_minutes_times_rate_half_up(personas):
    contract = make_contract(personas, make_budget(personas, amount_cents=BIG), hourly_rate_cents=4999)
    entry = log_time(contract, minutes=1)

    time_entry_approve(entry=entry, actor=personas.bob)

    entry.refresh_from_db()
    assert entry.status == TimeEntryStatus.APPROVED and entry.reviewed_by == personas.bob
    spend = entry.spend_entry
    assert (spend.kind, spend.amount_cents, spend.occurred_on, spend.period_start) == ("time", 83, TODAY,
                                                                                       date(2025, 3, 1))  # fmt: skip
    assert spend.contractor_id == personas.carol_contractor.pk and spend.contract_id == contract.pk


def test_an_entry_is_approved_and_posted_once(personas, hourly):
    entry = log_time(hourly)
    time_entry_approve(entry=entry, actor=personas.bob)
    with pytest.raises(DomainError) as caught:
        time_entry_approve(entry=entry, actor=personas.bob)
    assert caught.value.code == "already_reviewed"
    assert SpendEntry.objects.filter(time_entry=entry).count() == 1


def test_retainer_time_posts_only_the_overage_beyond_the_months_included_hours(personas):
    contract = make_contract(personas, make_budget(personas, amount_cents=BIG), rate_model="retainer",
                             included_minutes=120, overage_rate_cents=3000)  # fmt: skip
    first = log_time(contract, minutes=90, worked_on=date(2025, 3, 3))
    second = log_time(contract, minutes=60, worked_on=date(2025, 3, 4))
    april = log_time(contract, minutes=60, worked_on=date(2025, 2, 27))  # another month: included again

    for entry in (first, second, april):
        time_entry_approve(entry=entry, actor=personas.bob)

    assert not SpendEntry.objects.filter(time_entry=first).exists()
    assert SpendEntry.objects.get(time_entry=second).amount_cents == 1500  # 30 min over × 30 €/h
    assert not SpendEntry.objects.filter(time_entry=april).exists()


def test_foreign_currency_time_keeps_the_original_amount_and_rate(personas):
    contract = make_contract(personas, make_budget(personas, amount_cents=BIG), currency="USD",
                             exchange_rate_micros=900_000, hourly_rate_cents=1234)  # fmt: skip
    entry = log_time(contract, minutes=7)

    time_entry_approve(entry=entry, actor=personas.bob)

    spend = SpendEntry.objects.get(time_entry=entry)
    assert (spend.original_amount_cents, spend.original_currency, spend.exchange_rate_micros) == (144, "USD", 900_000)
    assert (spend.amount_cents, spend.currency) == (130, "EUR")  # 129.6 → 130


# --- guards ---------------------------------------------------------------------------------------


def test_time_above_the_weekly_cap_needs_an_owners_override(personas):
    contract = make_contract(personas, make_budget(personas, amount_cents=BIG), weekly_cap_minutes=120)
    monday = log_time(contract, minutes=90, worked_on=date(2025, 3, 17))
    tuesday = log_time(contract, minutes=60, worked_on=date(2025, 3, 18))
    time_entry_approve(entry=monday, actor=personas.bob)

    with pytest.raises(OverrideRequired) as caught:
        time_entry_approve(entry=tuesday, actor=personas.bob, override_reason="Rush job")
    assert caught.value.code == "over_weekly_cap"
    assert caught.value.message.startswith("This week would reach 2 h 30 min of the 2 h weekly cap (0 h 30 min over).")
    assert caught.value.details["week_minutes"] == 150 and caught.value.details["cap_minutes"] == 120
    with pytest.raises(OverrideRequired):
        time_entry_approve(entry=tuesday, actor=personas.alice, may_override=True)

    time_entry_approve(entry=tuesday, actor=personas.alice, may_override=True, override_reason="Rush job")
    tuesday.refresh_from_db()
    assert tuesday.status == "approved" and tuesday.override_reason == "Rush job"
    event = Event.objects.get(action="time_entry_approved_with_override")
    assert event.reason == "Rush job" and event.actor == personas.alice


def test_the_cap_counts_the_iso_week_only(personas):
    contract = make_contract(personas, make_budget(personas, amount_cents=BIG), weekly_cap_minutes=60)
    sunday = log_time(contract, minutes=60, worked_on=date(2025, 3, 16))
    monday = log_time(contract, minutes=60, worked_on=date(2025, 3, 17))
    time_entry_approve(entry=sunday, actor=personas.bob)
    # Sunday closes the ISO week of 10–16 March: Monday's hour starts a new week under the cap.
    time_entry_approve(entry=monday, actor=personas.bob)

    assert TimeEntry.objects.filter(pk__in=[sunday.pk, monday.pk], status="approved", override_reason="").count() == 2
    assert not Event.objects.filter(action="time_entry_approved_with_override").exists()
    assert sorted(SpendEntry.objects.filter(contract=contract).values_list("occurred_on", "amount_cents")) == [
        (date(2025, 3, 16), 6000),
        (date(2025, 3, 17), 6000),
    ]
    # …and that week is now full: one more minute on Tuesday needs an override.
    with pytest.raises(OverrideRequired) as caught:
        time_entry_approve(entry=log_time(contract, minutes=1, worked_on=date(2025, 3, 18)), actor=personas.bob)
    assert caught.value.code == "over_weekly_cap" and caught.value.details["week_start"] == "2025-03-17"


def test_approval_past_100_percent_needs_an_owners_override(personas):
    budget = make_budget(personas, amount_cents=10_000)
    contract = make_contract(personas, budget, weekly_cap_minutes=10_000)
    fits = log_time(contract, minutes=100)  # 100 € exactly: allowed
    tips = log_time(contract, minutes=1)

    time_entry_approve(entry=fits, actor=personas.bob)
    with pytest.raises(OverrideRequired) as caught:
        time_entry_approve(entry=tips, actor=personas.bob)
    assert caught.value.code == "over_budget"
    assert caught.value.details == {
        "entry_id": tips.pk, "currency": "EUR", "can_override": False, "period_start": "2025-03-01",
        "spent_cents": 10_000, "amount_cents": 100, "budgeted_cents": 10_000, "over_cents": 100,
    }  # fmt: skip
    assert "takes “Social media” to €101.00 of €100.00 (€1.00 over)" in caught.value.message

    time_entry_approve(entry=tips, actor=personas.alice, may_override=True, override_reason="Invoice agreed")
    assert SpendEntry.objects.filter(budget=budget).count() == 2


def test_rejecting_needs_a_reason_and_posts_nothing(personas, hourly):
    entry = log_time(hourly)
    with pytest.raises(FieldErrors):
        time_entry_reject(entry=entry, actor=personas.bob, reason="")

    time_entry_reject(entry=entry, actor=personas.bob, reason="Not this project")

    entry.refresh_from_db()
    assert (entry.status, entry.rejection_reason) == ("rejected", "Not this project")
    assert not SpendEntry.objects.exists()
    assert Event.objects.get(action="time_entry_rejected").reason == "Not this project"
    with pytest.raises(DomainError):
        time_entry_approve(entry=entry, actor=personas.bob)


# --- bulk -----------------------------------------------------------------------------------------


def test_bulk_approval_is_all_or_nothing(personas):
    budget = make_budget(personas, amount_cents=15_000)
    contract = make_contract(personas, budget, weekly_cap_minutes=10_000)
    entries = [log_time(contract, minutes=60, worked_on=TODAY - timedelta(days=i)) for i in range(3)]

    with pytest.raises(OverrideRequired) as caught:
        time_entry_approve_bulk(entries=entries, actor=personas.bob)
    assert caught.value.details["entry_id"] == entries[0].pk  # the newest tips it over, approved last
    assert caught.value.message.startswith(f"Time entry #{entries[0].pk}")
    assert TimeEntry.objects.filter(status="approved").count() == 0
    assert not SpendEntry.objects.exists()

    approved = time_entry_approve_bulk(entries=entries, actor=personas.alice, may_override=True,
                                       override_reason="Quarter end")  # fmt: skip
    assert len(approved) == 3
    assert SpendEntry.objects.filter(budget=budget).count() == 3


def test_bulk_reject(personas, hourly):
    entries = [log_time(hourly, minutes=10), log_time(hourly, minutes=20)]
    time_entry_reject_bulk(entries=entries, actor=personas.bob, reason="Duplicate")
    assert set(TimeEntry.objects.values_list("status", flat=True)) == {"rejected"}
    with pytest.raises(DomainError):
        time_entry_reject_bulk(entries=entries, actor=personas.bob, reason="Again")
    with pytest.raises(DomainError):
        time_entry_reject_bulk(entries=[], actor=personas.bob, reason="x")
