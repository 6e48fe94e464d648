"""Test builders for budgets, contracts and time: real services, sensible defaults. Every domain's
tests use these (and `rows` for read-only page data inserted directly).

Dates default to a fixed past month (TODAY = 2025-03-17, a Monday) so tests do not depend on the
clock; pass `today=` to services that take it, and use the `frozen` fixture (NOW) or
`time_machine.travel` where a service reads the clock.
"""

from datetime import UTC, date, datetime

from outsourcer.budgets.services import budget_create
from outsourcer.contracts.models import Contract, TimeEntry
from outsourcer.contracts.services import contract_activate, contract_create, time_entry_create

TODAY = date(2025, 3, 17)
MONTH_START = date(2025, 3, 1)
NOW = datetime(2025, 3, 17, 10, 0, tzinfo=UTC)  # TODAY, 11:00 in Berlin


def make_budget(personas, *, organization=None, actor=None, **overrides):
    """A budget created by its owner: Alice in Crumb & Co. (the default), Oscar in his organization."""
    values = {
        "name": "Social media",
        "period": "monthly",
        "starts_on": date(2025, 1, 1),
        "amount_cents": 100_000,
        "currency": "EUR",
    }
    values.update(overrides)
    organization = organization or personas.org
    return budget_create(organization=organization, actor=actor or _owner(personas, organization), **values)


def _owner(personas, organization):
    return personas.oscar if organization == personas.other_org else personas.alice


def make_contract(personas, budget, *, rate_model="hourly", activate=True, contractor=None, today=TODAY, **overrides):
    values = {"title": f"{rate_model.title()} work", "rate_model": rate_model, "starts_on": date(2025, 1, 1)}
    if rate_model == "hourly":
        values.update(hourly_rate_cents=6000, weekly_cap_minutes=20 * 60)
    elif rate_model == "retainer":
        values.update(monthly_fee_cents=50_000, included_minutes=10 * 60, overage_rate_cents=4000)
    else:
        values.update(
            total_cents=30_000,
            milestones=[
                {"title": "Draft", "amount_cents": 10_000, "due_on": date(2025, 3, 20)},
                {"title": "Final", "amount_cents": 20_000, "due_on": date(2025, 4, 20)},
            ],
        )
    values.update(overrides)
    actor = _owner(personas, budget.organization)
    contract = contract_create(
        organization=budget.organization,
        actor=actor,
        budget=budget,
        contractor=contractor or personas.carol_contractor,
        **values,
    )
    if activate:
        contract = contract_activate(
            contract=contract, actor=actor, today=today, may_override=True, override_reason="test setup"
        )
    return contract


def log_time(contract: Contract, *, worked_on=TODAY, minutes=60, note="") -> TimeEntry:
    return time_entry_create(
        contractor=contract.contractor, contract=contract, worked_on=worked_on, minutes=minutes, note=note
    )
