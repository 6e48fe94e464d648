"""Random sequences of contracts, time, approvals, milestones, retainer fees, expenses and reversals;
after every step each budget's figures must equal a straightforward recomputation in Python, to
the cent, and the ledger's kept sums (SpendTotal) its actual sums. Runs on SQLite and PostgreSQL
(whichever the suite uses)."""

import calendar
from datetime import date, timedelta
from fractions import Fraction

import pytest
import time_machine
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    precondition,
    rule,
)

from outsourcer.budgets.ledger import spend_totals_mismatched
from outsourcer.budgets.models import SpendEntry
from outsourcer.budgets.selectors import budget_figures, budget_list_for_organization
from outsourcer.budgets.services import budget_create, expense_record, spend_entry_reverse
from outsourcer.contracts.jobs import retainer_fees_post
from outsourcer.contracts.services import (
    contract_activate,
    contract_create,
    contract_end,
    milestone_accept,
    time_entry_approve,
    time_entry_create,
    time_entry_reject,
)
from outsourcer.lib.errors import OverrideRequired
from outsourcer.testing.personas import make_personas

TODAY = date(2025, 3, 17)
FAR = date(9999, 12, 31)
BUDGETS = {
    "Monthly": {"period": "monthly", "starts_on": date(2025, 1, 1), "ends_on": None, "amount_cents": 60_000},
    "Quarterly": {"period": "quarterly", "starts_on": date(2025, 2, 10), "ends_on": None, "amount_cents": 150_000},
    "One-off": {"period": "one_off", "starts_on": date(2025, 2, 1), "ends_on": date(2025, 4, 30),
                "amount_cents": 90_000},
    "Ended": {"period": "monthly", "starts_on": date(2025, 1, 1), "ends_on": date(2025, 3, 12), "amount_cents": 50_000},
    "Next quarter": {"period": "quarterly", "starts_on": date(2025, 4, 1), "ends_on": None, "amount_cents": 80_000},
}  # fmt: skip
CONTRACT_STARTS = [date(2025, 2, 10), date(2025, 3, 1), date(2025, 3, 17), date(2025, 3, 24), date(2025, 4, 7)]


def half_up(value: Fraction) -> int:
    sign = -1 if value < 0 else 1
    value = abs(value)
    whole = value.numerator // value.denominator
    return sign * (whole + (1 if value - whole >= Fraction(1, 2) else 0))


def month_first(day: date) -> date:
    return day.replace(day=1)


def month_last(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def period_of(spec: dict, day: date) -> tuple[date, date]:
    """The budget period containing `day`, written out plainly (not budgets/periods.py)."""
    start, end = spec["starts_on"], spec["ends_on"]
    if spec["period"] == "one_off":
        return start, end
    day = max(day, start)
    if end:
        day = min(day, end)
    if spec["period"] == "monthly":
        first, last = month_first(day), month_last(day)
    elif spec["period"] == "quarterly":
        first_month = (day.month - 1) // 3 * 3 + 1
        first = date(day.year, first_month, 1)
        last = month_last(date(day.year, first_month + 2, 1))
    else:
        first, last = date(day.year, 1, 1), date(day.year, 12, 31)
    return max(first, start), min(last, end) if end else last


def months(first: date, last: date) -> list[date]:
    found, day = [], month_first(first)
    while day <= last:
        found.append(day)
        day = month_last(day) + timedelta(days=1)
    return found


class LedgerMachine(RuleBasedStateMachine):
    contracts = Bundle("contracts")
    entries = Bundle("time_entries")

    def __init__(self):
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.p = make_personas()
        self.budgets = {}  # name → (Budget, spec)
        self.model_contracts = {}  # id → dict
        self.model_time = {}  # id → dict
        self.ledger = []  # dicts: id, budget, period_start, amount, kind, reversed, contract, covers_month

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    def _make_budgets(self):
        for name, spec in BUDGETS.items():
            budget = budget_create(organization=self.p.org, actor=self.p.alice, name=name, currency="EUR", **spec)
            self.budgets[name] = (budget, spec)

    # --- the model ----------------------------------------------------------------------------

    def spent(self, name: str, period_start: date) -> int:
        return sum(e["amount"] for e in self.ledger if e["budget"] == name and e["period_start"] == period_start)

    def commitment(self, c: dict, spec: dict, period: tuple[date, date], since: date) -> tuple[int, int]:
        start, end = period
        if end < since:
            return 0, 0
        if c["rate_model"] == "fixed":
            return sum(m["budget_amount"] for m in c["milestones"] if not m["accepted"] and m["due_on"] <= end), 0
        contract_end = c["ends_on"] or FAR
        if c["rate_model"] == "retainer":
            wanted = months(max(month_first(since), month_first(c["starts_on"])), min(end, contract_end))
            posted = [e for e in self.ledger if e["kind"] == "retainer_fee" and e["contract"] == c["id"]
                      and month_first(since) <= e["covers_month"] <= end]  # fmt: skip
            return max(0, len(wanted) - len(posted)) * c["fee_budget"], 0
        first, last = max(since, c["starts_on"]), min(end, contract_end)
        days = max(0, (last - first).days + 1)
        return 0, Fraction(c["cap"] * c["rate_budget"] * days, 420)  # rounded by the caller

    def figures(self, name: str, period: tuple[date, date], today: date) -> dict:
        budget, spec = self.budgets[name]
        since = max(today, period[0])
        # The hourly forecast is rounded once per budget, after summing every contract's share.
        committed = forecast = 0
        for c in self.model_contracts.values():
            if c["budget"] == name and c["status"] == "active":
                a, b = self.commitment(c, spec, period, since)
                committed, forecast = committed + a, forecast + b
        spent = self.spent(name, period[0])
        forecast = half_up(Fraction(forecast))
        return {"period_start": period[0], "period_end": period[1], "spent_cents": spent,
                "committed_cents": committed, "forecast_hourly_cents": forecast,
                "remaining_cents": spec["amount_cents"] - spent - committed - forecast}  # fmt: skip

    def record(self, entry: SpendEntry, name: str, **extra) -> None:
        self.ledger.append({"id": entry.pk, "budget": name, "period_start": extra.pop("period_start"),
                            "amount": entry.amount_cents, "kind": entry.kind, "reversed": False, **extra})  # fmt: skip

    # --- rules --------------------------------------------------------------------------------

    @rule(
        target=contracts,
        name=st.sampled_from(sorted(BUDGETS)),
        rate_model=st.sampled_from(["hourly", "retainer", "fixed"]),
        starts_on=st.sampled_from(CONTRACT_STARTS),
        open_ended=st.booleans(),
        usd=st.booleans(),
        rate=st.integers(1, 9_999),
        cap_hours=st.integers(1, 15),
        fee=st.integers(1_000, 40_000),
        included=st.sampled_from([0, 60, 300]),
        splits=st.lists(st.integers(1, 30_000), min_size=1, max_size=3),
    )
    def create(self, name, rate_model, starts_on, open_ended, usd, rate, cap_hours, fee, included, splits):
        spec = BUDGETS[name]
        if starts_on < spec["starts_on"] or (spec["ends_on"] and starts_on > spec["ends_on"] - timedelta(days=25)):
            return multiple()  # the service refuses contracts outside their budget (tested elsewhere)
        return self._create(name, rate_model, starts_on, open_ended, usd, rate, cap_hours, fee, included, splits)

    @initialize(target=contracts)
    def a_contract_of_each_model(self):
        """Every run starts with one active contract of each model, so fees, milestones and time
        meet the figures early; the rules add more."""
        self._make_budgets()
        made = [
            self._create("Quarterly", "retainer", date(2025, 2, 10), True, False, 3_000, 1, 20_000, 60, [1]),
            self._create("Monthly", "hourly", date(2025, 3, 1), True, True, 4_999, 10, 1, 0, [1]),
            self._create("One-off", "fixed", date(2025, 3, 1), False, False, 1, 1, 1, 0, [10_000, 25_001]),
        ]
        for contract in made:
            contract_activate(contract=contract, actor=self.p.alice, today=TODAY, may_override=True,
                              override_reason="seed")  # fmt: skip
            self.model_contracts[contract.pk]["status"] = "active"
        return multiple(*made)

    def _create(self, name, rate_model, starts_on, open_ended, usd, rate, cap_hours, fee, included, splits):
        budget, spec = self.budgets[name]
        ends_on = spec["ends_on"] or (None if open_ended else date(2025, 4, 30))
        rate_micros = 1_100_000 if usd else None
        terms = {"hourly": {"hourly_rate_cents": rate, "weekly_cap_minutes": cap_hours * 60},
                 "retainer": {"monthly_fee_cents": fee, "included_minutes": included, "overage_rate_cents": rate},
                 "fixed": {"total_cents": sum(splits), "milestones": [
                     {"title": f"M{i}", "amount_cents": a, "due_on": starts_on + timedelta(days=3 + 10 * i)}
                     for i, a in enumerate(splits)]}}[rate_model]  # fmt: skip
        contract = contract_create(
            organization=self.p.org, actor=self.p.alice, budget=budget, contractor=self.p.carol_contractor,
            title=f"{rate_model} {len(self.model_contracts)}", rate_model=rate_model, starts_on=starts_on,
            ends_on=ends_on, currency="USD" if usd else "EUR", exchange_rate_micros=rate_micros, **terms,
        )  # fmt: skip

        def to_budget(cents):
            return half_up(Fraction(cents * (rate_micros or 1_000_000), 1_000_000))

        self.model_contracts[contract.pk] = {
            "id": contract.pk, "budget": name, "rate_model": rate_model, "status": "draft", "starts_on": starts_on,
            "ends_on": ends_on, "rate": rate, "rate_micros": rate_micros, "rate_budget": to_budget(rate),
            "cap": cap_hours * 60, "fee": fee, "fee_budget": to_budget(fee), "included": included,
            "milestones": [{"id": m.pk, "amount": m.amount_cents, "budget_amount": to_budget(m.amount_cents),
                            "due_on": m.due_on, "accepted": False} for m in contract.milestones.order_by("position")],
        }  # fmt: skip
        assert [m["budget_amount"] for m in self.model_contracts[contract.pk]["milestones"]] == list(
            contract.milestones.order_by("position").values_list("budget_amount_cents", flat=True)
        )
        return contract

    @rule(contract=contracts, override=st.booleans())
    def activate(self, contract, override):
        c = self.model_contracts[contract.pk]
        if c["status"] != "draft" or (c["ends_on"] and c["ends_on"] < TODAY):
            return
        _, spec = self.budgets[c["budget"]]
        reference = max(TODAY, c["starts_on"])
        period = period_of(spec, reference)
        since = max(reference, period[0])
        committed, forecast = self.commitment({**c, "status": "active"}, spec, period, since)
        forecast = half_up(Fraction(forecast))  # one contract: rounded on its own
        remaining = self.figures(c["budget"], period, since)["remaining_cents"]
        needs_override = committed + forecast > remaining
        try:
            contract_activate(contract=contract, actor=self.p.alice, today=TODAY, may_override=override,
                              override_reason="planned" if override else "")  # fmt: skip
        except OverrideRequired as error:
            assert needs_override and not override
            assert error.details["cost_cents"] == committed + forecast
            assert error.details["remaining_cents"] == remaining
            return
        assert override or not needs_override
        c["status"] = "active"

    @rule(contract=contracts)
    def end(self, contract):
        c = self.model_contracts[contract.pk]
        if c["status"] in ("draft", "active"):
            contract_end(contract=contract, actor=self.p.bob)
            c["status"] = "ended"

    @rule(target=entries, contract=contracts, days_ago=st.integers(0, 40), minutes=st.integers(1, 600))
    def log(self, contract, days_ago, minutes):
        c = self.model_contracts[contract.pk]
        worked_on = TODAY - timedelta(days=days_ago)
        outside = worked_on < c["starts_on"] or (c["ends_on"] and worked_on > c["ends_on"])
        if c["status"] != "active" or c["rate_model"] == "fixed" or outside:
            return None
        entry = time_entry_create(contractor=self.p.carol_contractor, contract=contract, worked_on=worked_on,
                                  minutes=minutes)  # fmt: skip
        self.model_time[entry.pk] = {"contract": contract.pk, "worked_on": worked_on, "minutes": minutes,
                                     "status": "submitted"}  # fmt: skip
        return entry

    @rule(entry=entries)
    def approve(self, entry):
        if entry is None or self.model_time[entry.pk]["status"] != "submitted":
            return
        t = self.model_time[entry.pk]
        c = self.model_contracts[t["contract"]]
        _, spec = self.budgets[c["budget"]]
        approved = [x for x in self.model_time.values() if x["status"] == "approved" and x["contract"] == c["id"]]
        if c["rate_model"] == "hourly":
            billable, rate = t["minutes"], c["rate"]
        else:
            before = sum(x["minutes"] for x in approved if month_first(x["worked_on"]) == month_first(t["worked_on"]))
            billable = max(0, before + t["minutes"] - c["included"]) - max(0, before - c["included"])
            rate = c["rate"]
        original = half_up(Fraction(billable * rate, 60))
        amount = half_up(Fraction(original * (c["rate_micros"] or 1_000_000), 1_000_000))
        monday = t["worked_on"] - timedelta(days=t["worked_on"].weekday())
        week = sum(x["minutes"] for x in approved if monday <= x["worked_on"] <= monday + timedelta(days=6))
        over_cap = c["rate_model"] == "hourly" and week + t["minutes"] > c["cap"]
        period_start = period_of(spec, t["worked_on"])[0]
        over_limit = amount > 0 and self.spent(c["budget"], period_start) + amount > spec["amount_cents"]

        try:
            time_entry_approve(entry=entry, actor=self.p.bob)
        except OverrideRequired:
            assert over_cap or over_limit
            time_entry_approve(entry=entry, actor=self.p.alice, may_override=True, override_reason="agreed")
        else:
            assert not (over_cap or over_limit)
        t["status"] = "approved"
        posted = SpendEntry.objects.filter(time_entry_id=entry.pk).first()
        assert (posted.amount_cents if posted else 0) == amount
        if posted:
            self.record(posted, c["budget"], period_start=period_start, contract=c["id"], covers_month=None)

    @rule(entry=entries)
    def reject(self, entry):
        if entry is None or self.model_time[entry.pk]["status"] != "submitted":
            return
        time_entry_reject(entry=entry, actor=self.p.bob, reason="no")
        self.model_time[entry.pk]["status"] = "rejected"

    @rule(contract=contracts, index=st.integers(0, 2))
    def accept_milestone(self, contract, index):
        c = self.model_contracts[contract.pk]
        if c["status"] != "active" or c["rate_model"] != "fixed" or index >= len(c["milestones"]):
            return
        m = c["milestones"][index]
        if m["accepted"]:
            return
        entry = milestone_accept(milestone=contract.milestones.get(pk=m["id"]), actor=self.p.bob, today=TODAY)
        m["accepted"] = True
        assert entry.amount_cents == m["budget_amount"]
        _, spec = self.budgets[c["budget"]]
        self.record(entry, c["budget"], period_start=period_of(spec, TODAY)[0], contract=c["id"], covers_month=None)

    @rule()
    def post_fees(self):
        before = set(SpendEntry.objects.filter(kind="retainer_fee").values_list("pk", flat=True))
        retainer_fees_post(today=TODAY)
        expected = [c for c in self.model_contracts.values() if c["rate_model"] == "retainer"
                    and c["status"] == "active" and c["starts_on"] <= TODAY
                    and not any(e["kind"] == "retainer_fee" and e["contract"] == c["id"]
                                and e["covers_month"] == month_first(TODAY) for e in self.ledger)]  # fmt: skip
        new = SpendEntry.objects.filter(kind="retainer_fee").exclude(pk__in=before)
        assert sorted(e.contract_id for e in new) == sorted(c["id"] for c in expected)
        for entry in new:
            c = self.model_contracts[entry.contract_id]
            assert entry.amount_cents == c["fee_budget"]
            _, spec = self.budgets[c["budget"]]
            occurred = max(month_first(TODAY), c["starts_on"])
            self.record(entry, c["budget"], period_start=period_of(spec, occurred)[0], contract=c["id"],
                        covers_month=month_first(TODAY))  # fmt: skip

    @rule(name=st.sampled_from(sorted(BUDGETS)), cents=st.integers(1, 50_000), days_ago=st.integers(0, 45))
    def expense(self, name, cents, days_ago):
        budget, spec = self.budgets[name]
        day = TODAY - timedelta(days=days_ago)
        if day < spec["starts_on"] or (spec["ends_on"] and day > spec["ends_on"]):
            return
        entry = expense_record(budget=budget, actor=self.p.bob, amount_cents=cents, occurred_on=day, description="e")
        self.record(entry, name, period_start=period_of(spec, day)[0], contract=None, covers_month=None)

    @precondition(lambda self: any(not e["reversed"] and e["kind"] != "correction" for e in self.ledger))
    @rule(pick=st.integers(0, 10_000))
    def reverse(self, pick):
        candidates = [e for e in self.ledger if not e["reversed"] and e["kind"] != "correction"]
        original = candidates[pick % len(candidates)]
        correction = spend_entry_reverse(entry=SpendEntry.objects.get(pk=original["id"]), actor=self.p.alice,
                                         reason="fix")  # fmt: skip
        original["reversed"] = True
        self.record(correction, original["budget"], period_start=original["period_start"],
                    contract=original.get("contract"), covers_month=None)  # fmt: skip

    # --- the check ----------------------------------------------------------------------------

    @invariant()
    def totals_match_the_ledger(self):
        assert spend_totals_mismatched() == 0

    @invariant()
    def figures_match(self):
        if not self.budgets:
            return
        listed = {b.name: b.figures for b in budget_list_for_organization(organization=self.p.org, today=TODAY)}
        for name, (budget, spec) in self.budgets.items():
            for period in {period_of(spec, TODAY), period_of(spec, date(2025, 2, 15))}:
                expected = self.figures(name, period, TODAY)
                actual = budget_figures(budget=budget, today=TODAY, period_start=period[0])
                got = {k: getattr(actual, k) for k in expected}
                assert got == expected, (name, period)
                if period == period_of(spec, TODAY):
                    assert listed[name] == actual


@pytest.mark.django_db
def test_budget_figures_match_a_plain_recomputation():
    with time_machine.travel(TODAY, tick=False):
        LedgerMachine.TestCase.settings = settings(
            max_examples=12, stateful_step_count=15, deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much], database=None,
        )  # fmt: skip
        LedgerMachine.TestCase().runTest()
