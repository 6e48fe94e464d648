"""Issue 9 item 5: where money goes, on every page that names a contract — the budget page lists the
contracts drawing from it, the contract page its spend and what remains, the contractor page their
contracts and spend, the contract list spend columns and a CSV export. Aggregates in SQL: the
number of queries does not grow with the number of contracts."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outsourcer.contracts.models import ContractStatus
from outsourcer.testing.builders import make_budget, make_contract
from outsourcer.testing.fixtures import text
from outsourcer.testing.rows import insert_fixed_contract, insert_hourly_contract, insert_spend

pytestmark = pytest.mark.django_db


@pytest.fixture
def budget(personas, frozen):
    return make_budget(personas, name="Shop", amount_cents=500_000)


def _fixed(personas, budget, title="Shop redesign", spent=12_000):
    contract = insert_fixed_contract(budget, personas.carol_engagement, title=title)  # €500.00 total
    insert_spend(budget, amount_cents=spent, contract=contract, contractor=contract.contractor, kind="milestone")
    return contract


def _more_contracts(personas, budget, n=5):
    for i in range(n):
        _fixed(personas, budget, title=f"Extra {i}", spent=1_000 + i)
        insert_hourly_contract(budget, personas.carol_engagement, title=f"Hours {i}")


def _queries(client, url) -> int:
    client.get(url)  # warm caches (session, content types)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_budget_page_lists_its_contracts_with_spend_and_a_new_contract_link(login_as, personas, org_url, budget):
    _fixed(personas, budget)
    body = text(login_as(personas.alice).get(org_url("budgets:detail", budget_id=budget.pk)))
    assert "Contracts drawing from this budget" in body
    assert "Shop redesign" in body and "€120.00" in body and "€380.00" in body  # spent, left of €500
    assert f"{org_url('contracts:create')}?budget={budget.pk}" in body


def test_a_viewer_sees_the_contracts_but_no_new_contract_link(login_as, personas, org_url, budget):
    _fixed(personas, budget)
    body = text(login_as(personas.vera).get(org_url("budgets:detail", budget_id=budget.pk)))
    assert "Shop redesign" in body and "?budget=" not in body


def test_new_contract_from_a_budget_preselects_it_and_ignores_a_foreign_one(login_as, personas, org_url, budget):
    client = login_as(personas.alice)
    body = text(client.get(org_url("contracts:create") + f"?budget={budget.pk}"))
    assert f'<option value="{budget.pk}" selected>' in body
    foreign = make_budget(personas, organization=personas.other_org, name="Oscar's")
    body = text(client.get(org_url("contracts:create") + f"?budget={foreign.pk}"))
    assert "selected>Oscar" not in body and f'value="{foreign.pk}"' not in body


def test_the_budget_page_query_count_does_not_grow_with_its_contracts(login_as, personas, org_url, budget):
    client = login_as(personas.alice)
    url = org_url("budgets:detail", budget_id=budget.pk)
    _fixed(personas, budget)
    one = _queries(client, url)
    _more_contracts(personas, budget)
    assert _queries(client, url) == one


def test_the_contract_page_shows_spent_so_far_and_what_remains_of_the_total(login_as, personas, org_url, budget):
    contract = _fixed(personas, budget)
    body = text(login_as(personas.alice).get(org_url("contracts:detail", contract_id=contract.pk)))
    assert "Spent so far" in body and "€120.00" in body
    assert "Remaining of the €500.00 total" in body and "€380.00" in body


def test_an_hourly_contract_page_shows_this_periods_expected_spend(login_as, personas, org_url, budget):
    contract = make_contract(personas, budget, rate_model="hourly", today=date(2025, 3, 17))  # 20 h × €60
    body = text(login_as(personas.alice).get(org_url("contracts:detail", contract_id=contract.pk)))
    # 1,200 min × €60/h × 15 days / 420 = €2,571.43, to the end of March.
    assert "Remaining expected this period" in body and "€2,571.43" in body and "31 Mar 2025" in body


def test_the_contractor_page_lists_their_contracts_and_spend(login_as, personas, org_url, budget):
    _fixed(personas, budget)
    client = login_as(personas.alice)
    url = org_url("contractors:detail", engagement_id=personas.carol_engagement.pk)
    body = text(client.get(url))
    assert "Contracts with" in body and "Shop redesign" in body and "€120.00" in body
    one = _queries(client, url)
    _more_contracts(personas, budget)
    assert _queries(client, url) == one


def test_the_contract_list_has_spend_columns_and_a_constant_query_count(login_as, personas, org_url, budget):
    _fixed(personas, budget)
    client = login_as(personas.alice)
    body = text(client.get(org_url("contracts:list")))
    assert "Spent so far" in body and "€120.00" in body and "€380.00" in body
    assert f'href="{org_url("contracts:export")}"' in body
    one = _queries(client, org_url("contracts:list"))
    _more_contracts(personas, budget)
    assert _queries(client, org_url("contracts:list")) == one


def test_the_contract_csv_streams_spend_with_the_formula_guard(login_as, personas, org_url, budget):
    _fixed(personas, budget, title="=HYPERLINK(1)")
    insert_hourly_contract(budget, personas.carol_engagement, title="Hours", status=ContractStatus.ACTIVE)
    response = login_as(personas.vera).get(org_url("contracts:export") + "?rate_model=fixed")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][-3:] == ["total", "spent", "remaining"]
    assert len(rows) == 2  # the list's filter applies: fixed only
    assert rows[1][1] == "'=HYPERLINK(1)" and rows[1][-4:] == ["EUR", "500.00", "120.00", "380.00"]


def test_the_contract_csv_query_count_does_not_grow(login_as, personas, org_url, budget):
    _fixed(personas, budget)
    client = login_as(personas.alice)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            b"".join(client.get(org_url("contracts:export")).streaming_content)
        return len(queries)

    count()  # the first request also saves the session
    one = count()
    _more_contracts(personas, budget)
    assert count() == one


def test_an_over_committed_budget_never_says_it_lasts_the_period(login_as, personas, org_url, budget):
    # €500 fixed + 20 h a week at €60 to the end of March (€2,571.43) against €5,000: fits.
    # A second such hourly contract takes it past the amount while nothing is spent yet.
    _fixed(personas, budget, spent=0)
    make_contract(personas, budget, rate_model="hourly", title="A", today=date(2025, 3, 17))
    make_contract(personas, budget, rate_model="hourly", title="B", today=date(2025, 3, 17))
    client = login_as(personas.alice)
    for url in (org_url("budgets:list"), org_url("budgets:detail", budget_id=budget.pk)):
        body = text(client.get(url))
        assert "Over budget" in body and "Not with what is committed" in body and "Lasts the period" not in body
