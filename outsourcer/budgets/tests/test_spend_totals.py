"""SpendTotal, the ledger's sums per (budget, period, contract, contractor): kept by
ledger.spend_record in the same transaction, recomputed on a contractor merge and by
spend_totals_rebuild after a bulk load. After any sequence of writes the totals equal the ledger's
sums (the hypothesis machine in test_exactness.py checks the same after every random step).
Runs on SQLite and PostgreSQL (whichever the suite uses)."""

from datetime import date

import pytest
import time_machine
from django.db.models import Sum

from outsourcer.budgets.ledger import spend_totals_mismatched, spend_totals_rebuild
from outsourcer.budgets.models import SpendEntry, SpendTotal
from outsourcer.budgets.services import expense_record, spend_entry_reverse
from outsourcer.contractors.merge import contractor_merge
from outsourcer.contracts.selectors import contract_list_for_budget, contract_spent_cents
from outsourcer.contracts.services import time_entry_approve
from outsourcer.testing.builders import TODAY, log_time, make_budget, make_contract
from outsourcer.testing.factories import ContractorFactory, EngagementFactory

pytestmark = pytest.mark.django_db


def totals() -> dict:
    return {
        (t.budget_id, t.period_start, t.contract_key, t.contractor_key): t.amount_cents
        for t in SpendTotal.objects.exclude(amount_cents=0)
    }


def ledger_sums() -> dict:
    rows = SpendEntry.objects.order_by().values("budget_id", "period_start", "contract_id", "contractor_id")
    return {
        (r["budget_id"], r["period_start"], r["contract_id"] or 0, r["contractor_id"] or 0): r["s"]
        for r in rows.annotate(s=Sum("amount_cents"))
        if r["s"]
    }


def test_totals_follow_expenses_time_reversals_and_a_merge(personas):
    oscar = personas.oscar
    budget = make_budget(personas, organization=personas.other_org)
    prospect = ContractorFactory(user=None, name="Carol (Oscar's record)", created_by_organization=personas.other_org)
    EngagementFactory(organization=personas.other_org, contractor=prospect)
    with time_machine.travel(TODAY, tick=False):
        contract = make_contract(personas, budget, contractor=prospect)
        time_entry_approve(entry=log_time(contract, minutes=90), actor=oscar)
        time_entry_approve(entry=log_time(contract, minutes=30, worked_on=date(2025, 2, 20)), actor=oscar)
        expense = expense_record(budget=budget, actor=oscar, amount_cents=12_000, occurred_on=TODAY,
                                 description="Stock photos", contractor=prospect)  # fmt: skip
        expense_record(budget=budget, actor=oscar, amount_cents=700, occurred_on=TODAY, description="Fonts")
        assert spend_totals_mismatched() == 0
        assert totals() == ledger_sums()
        assert contract_spent_cents(contract=contract) == 9_000 + 3_000

        spend_entry_reverse(entry=expense, actor=oscar, reason="Paid twice")
        assert spend_totals_mismatched() == 0
        assert totals() == ledger_sums()
        assert (budget.pk, date(2025, 3, 1), 0, prospect.pk) not in totals()  # reversed to 0

        contractor_merge(merged=prospect, into=personas.carol_contractor)
        assert spend_totals_mismatched() == 0
        assert totals() == ledger_sums()
        assert {key[3] for key in totals()} == {0, personas.carol_contractor.pk}
        [listed] = contract_list_for_budget(budget=budget)
        assert listed.spent_cents == 12_000
        assert listed.left_cents is None  # hourly: nothing fixed to be left of


def test_a_fixed_price_contract_lists_what_is_left(personas):
    budget = make_budget(personas)
    with time_machine.travel(TODAY, tick=False):
        contract = make_contract(personas, budget, rate_model="fixed")
    [listed] = contract_list_for_budget(budget=budget)

    assert listed.spent_cents == 0
    assert listed.left_cents == contract.total_budget_cents


def test_rebuild_recomputes_what_a_bulk_load_left_out(personas):
    budget, other = make_budget(personas), make_budget(personas, name="Design")
    SpendEntry.objects.bulk_create(
        SpendEntry(organization=personas.org, budget=b, period_start=date(2025, 3, 1), kind="expense",
                   amount_cents=cents, currency="EUR", occurred_on=TODAY)
        for b, cents in ((budget, 100), (budget, 250), (other, 40))
    )  # fmt: skip
    assert spend_totals_mismatched() == 2

    spend_totals_rebuild([budget.pk])
    assert spend_totals_mismatched() == 1
    assert SpendTotal.objects.get(budget=budget).amount_cents == 350

    spend_totals_rebuild()
    spend_totals_rebuild()  # idempotent
    assert spend_totals_mismatched() == 0
    assert (
        totals()
        == ledger_sums()
        == {
            (budget.pk, date(2025, 3, 1), 0, 0): 350,
            (other.pk, date(2025, 3, 1), 0, 0): 40,
        }
    )
