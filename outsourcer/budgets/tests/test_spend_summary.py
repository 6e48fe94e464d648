from datetime import UTC, date, datetime

import pytest

from outsourcer.budgets import page_selectors, selectors
from outsourcer.budgets.models import BudgetAlert
from outsourcer.budgets.page_selectors import budget_spend_summary
from outsourcer.testing.builders import make_budget
from outsourcer.testing.rows import insert_spend

pytestmark = pytest.mark.django_db

TODAY = date(2025, 3, 17)


@pytest.fixture
def budget(personas):
    budget = make_budget(personas)
    other = make_budget(personas, name="Other")  # its rows must not count
    carol, dan = personas.carol_contractor, personas.dan_contractor
    for day, cents, contractor in [
        (date(2025, 1, 20), 5_000, carol),
        (date(2025, 2, 14), 7_000, None),
        (date(2025, 2, 27), 1_000, carol),  # in the 30-day window, in the previous period
        (date(2025, 3, 2), 3_000, carol),
        (date(2025, 3, 2), 4_000, dan),
        (date(2025, 3, 16), 500, carol),
        (date(2025, 3, 17), 2_000, None),
    ]:
        insert_spend(budget, amount_cents=cents, occurred_on=day, contractor=contractor)
    insert_spend(other, amount_cents=99_999, occurred_on=date(2025, 3, 3))
    at = datetime(2025, 3, 2, 14, 30, 15, 123456, tzinfo=UTC)
    for threshold in (100, 50):
        BudgetAlert.objects.create(organization=budget.organization, budget=budget, period_start=date(2025, 3, 1),
                                   threshold=threshold, spent_cents=threshold * 1000, created_at=at)  # fmt: skip
    BudgetAlert.objects.create(organization=other.organization, budget=other, period_start=date(2025, 3, 1),
                               threshold=80, spent_cents=1, created_at=at)  # fmt: skip
    return budget


@pytest.mark.parametrize("period_start", [date(2025, 3, 1), date(2025, 2, 1), date(2025, 1, 1)])
def test_it_equals_the_selectors_it_replaces_on_the_page(budget, period_start):
    summary = budget_spend_summary(budget=budget, period_start=period_start, today=TODAY)

    assert summary.history == selectors.budget_period_history(budget=budget, today=TODAY)
    assert summary.series == selectors.budget_burn_series(budget=budget, period_start=period_start, today=TODAY)
    assert summary.by_contractor == selectors.budget_spend_by_contractor(budget=budget, period_start=period_start)
    assert summary.recent_cents == 1_000 + 3_000 + 4_000 + 500 + 2_000
    expected_alerts = page_selectors.budget_alert_list(budget=budget, period_start=period_start)
    assert [(a.threshold, a.spent_cents, a.created_at) for a in summary.alerts] == [
        (a.threshold, a.spent_cents, a.created_at) for a in expected_alerts
    ]


def test_the_run_out_forecast_from_it_equals_the_forecast_alone(budget):
    summary = budget_spend_summary(budget=budget, period_start=date(2025, 3, 1), today=TODAY)
    spent = selectors.budget_figures(budget=budget, today=TODAY).spent_cents

    assert selectors.budget_forecast_run_out(
        budget=budget, today=TODAY, spent_cents=spent, recent_cents=summary.recent_cents
    ) == selectors.budget_forecast_run_out(budget=budget, today=TODAY)
