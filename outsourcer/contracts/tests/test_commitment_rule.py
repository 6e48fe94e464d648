"""The commitment rule (what an active contract holds against its budget's period) is written three
times: in Python (contracts.commitments.contract_commitment, the activation guard and the contract
page), as ORM subqueries (budgets.figures.annotate_figures, one budget's figures) and as hand-written
SQL in two dialects (budgets.figures.period_figures, the overview). Python and SQL stay for speed
and readability; this matrix pins all three to the same cents for every kind of contract, budget
period, start, end and day."""

import itertools
from datetime import date, timedelta
from decimal import Decimal

import pytest

from outsourcer.budgets.figures import period_figures
from outsourcer.budgets.ledger import spend_record
from outsourcer.budgets.models import SpendKind
from outsourcer.budgets.selectors import WEEK_MINUTES_DIVISOR, budget_figures
from outsourcer.budgets.services import budget_create
from outsourcer.contracts.commitments import contract_commitment
from outsourcer.contracts.services import contract_activate, contract_create
from outsourcer.lib.money import round_half_up

pytestmark = pytest.mark.django_db

ACTIVATED_ON = date(2025, 3, 17)
BUDGETS = {
    "monthly": {"period": "monthly", "starts_on": date(2025, 1, 1), "ends_on": None},
    "quarterly": {"period": "quarterly", "starts_on": date(2025, 1, 1), "ends_on": None},
    "one_off": {"period": "one_off", "starts_on": date(2025, 1, 1), "ends_on": date(2025, 9, 30)},
}
STARTS = (date(2025, 1, 1), ACTIVATED_ON, date(2025, 4, 10))
ENDS = (None, date(2025, 4, 30), date(2025, 6, 15))
TERMS = {
    "hourly": {"hourly_rate_cents": 6_007, "weekly_cap_minutes": 17 * 60 + 13},
    "retainer": {"monthly_fee_cents": 50_011, "included_minutes": 600, "overage_rate_cents": 4_000},
    "fixed": {"total_cents": 30_000},
}
DAYS = (ACTIVATED_ON, date(2025, 3, 31), date(2025, 4, 2), date(2025, 5, 20))


def _contract(personas, n: int, rate_model: str, budget_kind: str, starts_on: date, ends_on: date | None):
    budget = budget_create(
        organization=personas.org, actor=personas.alice, name=f"Budget {n}", amount_cents=10**9, currency="EUR",
        **BUDGETS[budget_kind],
    )  # fmt: skip
    values = dict(TERMS[rate_model])
    # A contract ends by its budget's end (a one-off budget has one).
    ends_on = ends_on or BUDGETS[budget_kind]["ends_on"]
    if rate_model == "fixed":
        last = min(ends_on or date(2025, 9, 30), starts_on + timedelta(days=70))
        values["milestones"] = [
            {"title": "Draft", "amount_cents": 10_000, "due_on": starts_on + timedelta(days=3)},
            {"title": "Final", "amount_cents": 20_000, "due_on": last},
        ]
    contract = contract_create(
        organization=personas.org, actor=personas.alice, budget=budget, contractor=personas.carol_contractor,
        title=f"Contract {n}", rate_model=rate_model, starts_on=starts_on, ends_on=ends_on, **values,
    )  # fmt: skip
    contract = contract_activate(contract=contract, actor=personas.alice, today=ACTIVATED_ON)
    if rate_model == "retainer" and starts_on < ACTIVATED_ON:
        # March's fee is already in the ledger: it must no longer count as committed.
        spend_record(
            budget=budget, kind=SpendKind.RETAINER_FEE, amount_cents=contract.monthly_fee_budget_cents,
            occurred_on=date(2025, 3, 1), actor=None, contract=contract, covers_month=date(2025, 3, 1),
        )  # fmt: skip
    return contract


def test_python_orm_and_sql_agree_on_every_contract_and_day(personas):
    cases = itertools.product(TERMS, BUDGETS, STARTS, ENDS)
    contracts = [_contract(personas, n, *case) for n, case in enumerate(cases)]
    seen_nonzero = {"committed": 0, "forecast": 0}
    for contract, today in itertools.product(contracts, DAYS):
        rule = contract_commitment(contract=contract, today=today)
        orm = budget_figures(budget=contract.budget, today=rule.since, period_start=rule.period.start)
        _, sql_committed, numerator, _ = period_figures({contract.budget_id: rule.period}, today=rule.since)[
            contract.budget_id
        ]
        sql_forecast = round_half_up(Decimal(numerator) / WEEK_MINUTES_DIVISOR)
        case = (contract.rate_model, contract.budget.period, contract.starts_on, contract.ends_on, today)
        assert (rule.committed_cents, rule.forecast_cents) == (orm.committed_cents, orm.forecast_hourly_cents), case
        assert (rule.committed_cents, rule.forecast_cents) == (sql_committed, sql_forecast), case
        seen_nonzero["committed"] += rule.committed_cents > 0
        seen_nonzero["forecast"] += rule.forecast_cents > 0
    # The matrix really exercises both terms, not a wall of zeros.
    assert seen_nonzero["committed"] > 20 and seen_nonzero["forecast"] > 20
