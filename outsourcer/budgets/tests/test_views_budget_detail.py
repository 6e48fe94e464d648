import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outsourcer.budgets.jobs import budget_alerts_run
from outsourcer.budgets.services import expense_record, spend_entry_reverse
from outsourcer.contracts.services import time_entry_approve
from outsourcer.testing.builders import log_time, make_budget, make_contract
from outsourcer.testing.fixtures import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def budget(personas, frozen):
    budget = make_budget(personas, name="Social media", amount_cents=100_000)
    contract = make_contract(personas, budget)  # Carol, hourly €60, cap 20 h a week
    time_entry_approve(entry=log_time(contract, worked_on=date(2025, 3, 10), minutes=600), actor=personas.alice)
    expense_record(budget=budget, actor=personas.alice, amount_cents=25_000, occurred_on=date(2025, 3, 12),
                   description="Stock photos")  # fmt: skip
    expense_record(budget=budget, actor=personas.alice, amount_cents=7_000, occurred_on=date(2025, 2, 20),
                   description="February ads")  # fmt: skip
    budget_alerts_run(budget=budget, period_start=date(2025, 3, 1))
    return budget


def test_it_shows_the_figures_chart_alerts_and_ledger(login_as, personas, org_url, budget):
    response = login_as(personas.vera).get(org_url("budgets:detail", budget_id=budget.pk))

    body = text(response)
    assert response.status_code == 200
    # €600 time + €250 expense = €850 of €1,000 in March.
    assert "€850.00" in body and "85 %" in body
    assert "<svg" in body and 'class="spend-line' in body
    assert "Spend rose to €850.00 of €1,000.00" in body  # the chart's text alternative
    assert "Spend crossed <strong>80 %</strong>" in body and "Spend crossed <strong>50 %</strong>" in body
    assert "Stock photos" in body and "Carol Contractor" in body
    assert "February ads" not in body  # the ledger shows the period on show
    assert "style=" not in body  # the CSP forbids inline styles


def test_it_shows_the_hourly_forecast_and_run_out_separately(login_as, personas, org_url, budget):
    body = text(login_as(personas.alice).get(org_url("budgets:detail", budget_id=budget.pk)))
    assert "Expected hourly spend to period end" in body
    # €850 in the last 30 days (plus February's €70): €150 left lasts ⌈150 × 30 / 920⌉ = 5 days.
    assert "22 Mar 2025" in body


def test_it_switches_to_a_past_period(login_as, personas, org_url, budget):
    body = text(login_as(personas.alice).get(org_url("budgets:detail", budget_id=budget.pk) + "?period=2025-02-01"))
    assert "February ads" in body and "Stock photos" not in body
    assert "past period" in body
    assert "€70.00" in body


def test_an_unknown_period_falls_back_to_the_current_one(login_as, personas, org_url, budget):
    response = login_as(personas.alice).get(org_url("budgets:detail", budget_id=budget.pk) + "?period=1999-13-45")
    assert response.status_code == 200
    assert "Stock photos" in text(response)


def test_the_ledger_filters_by_kind_and_swaps_in_place_for_htmx(login_as, personas, org_url, budget):
    url = org_url("budgets:detail", budget_id=budget.pk) + "?kind=expense"
    response = login_as(personas.alice).get(url, headers={"HX-Request": "true"})

    body = text(response)
    assert body.lstrip().startswith('<section id="ledger"')
    assert "Stock photos" in body and "Approved time" not in body.split("<tbody>", 1)[1]


def test_the_htmx_ledger_of_a_past_period_keeps_that_period(login_as, personas, org_url, budget):
    url = org_url("budgets:detail", budget_id=budget.pk) + "?period=2025-02-01&kind=expense"
    body = text(login_as(personas.alice).get(url, headers={"HX-Request": "true"}))

    assert "February ads" in body and "Stock photos" not in body
    assert '<input type="hidden" name="period" value="2025-02-01">' in body


def test_bad_filters_are_ignored_not_a_500(login_as, personas, org_url, budget):
    url = org_url("budgets:detail", budget_id=budget.pk) + "?kind=nonsense&contractor=abc&since=2025-99-01&page=x"
    assert login_as(personas.alice).get(url).status_code == 200


def test_the_ledger_csv_honours_the_filters(login_as, personas, org_url, budget):
    url = org_url("budgets:ledger-export", budget_id=budget.pk) + "?kind=expense&since=2025-02-01&until=2025-03-31"
    response = login_as(personas.vera).get(url)

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode().lstrip("\ufeff"))))
    assert response["Content-Type"].startswith("text/csv")
    assert rows[0][:4] == ["id", "occurred_on", "period_start", "kind"]
    assert sorted(row[4] for row in rows[1:]) == ["February ads", "Stock photos"]
    assert {row[7] for row in rows[1:]} == {"250.00", "70.00"}


def test_the_burn_csv_has_one_row_per_day(login_as, personas, org_url, budget):
    response = login_as(personas.alice).get(org_url("budgets:burn-export", budget_id=budget.pk))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode().lstrip("\ufeff"))))
    assert rows[1] == ["2025-03-01", "0.00", "1000.00"]
    assert rows[-1] == ["2025-03-17", "850.00", "1000.00"]
    assert len(rows) == 1 + 17


def test_owners_see_reverse_links_and_viewers_do_not(login_as, personas, org_url, budget):
    url = org_url("budgets:detail", budget_id=budget.pk)
    assert "/reverse/" in text(login_as(personas.alice).get(url))
    assert "/reverse/" not in text(login_as(personas.vera).get(url))
    assert "Record expense" not in text(login_as(personas.vera).get(url))


def test_a_reversed_entry_is_marked(login_as, personas, org_url, budget):
    from outsourcer.budgets.models import SpendEntry

    entry = SpendEntry.objects.get(description="Stock photos")
    spend_entry_reverse(entry=entry, actor=personas.alice, reason="Booked twice")
    body = text(login_as(personas.alice).get(org_url("budgets:detail", budget_id=budget.pk)))
    assert "Reversal: Booked twice" in body and "Reversed" in body
    assert "-€250.00" in body


def test_its_query_count_does_not_grow_with_the_ledger(login_as, personas, org_url, budget):
    client = login_as(personas.alice)
    url = org_url("budgets:detail", budget_id=budget.pk)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(40):
        expense_record(budget=budget, actor=personas.bob, amount_cents=100 + n, occurred_on=date(2025, 3, 1 + n % 16),
                       description=f"Small thing {n}")  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.status_code == 200
    assert len(many) == len(few)


def test_another_organizations_budget_is_404(login_as, personas, org_url, frozen):
    foreign = make_budget(personas, organization=personas.other_org, actor=personas.oscar, name="Oscar's ads")
    assert login_as(personas.alice).get(org_url("budgets:detail", budget_id=foreign.pk)).status_code == 404


def test_a_contractor_never_sees_a_budget(login_as, personas, org_url, budget):
    assert login_as(personas.carol).get(org_url("budgets:detail", budget_id=budget.pk)).status_code == 404
