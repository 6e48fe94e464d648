"""The query budget (docs/performance.md): every page and API list of the access matrix sends at most
QUERY_BUDGET queries, and a list sends as many for many rows as for one."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outsourcer.accounts.services import api_token_create
from outsourcer.testing.builders import make_budget
from outsourcer.testing.rows import insert_hourly_contract, insert_spend, insert_time_entry
from tests.access_matrix import COLUMNS
from tests.test_access_matrix import ROWS

QUERY_BUDGET = 12
READ_ROWS = [row for row in ROWS if row.method == "GET" and 200 in row.expected.values()]


def _client_for(personas, user, *, api: bool) -> tuple[Client, dict]:
    client = Client()
    if api:
        member_of = personas.other_org if user == personas.oscar else personas.org
        organization = member_of if member_of.memberships.filter(user=user).exists() else None
        _, raw = api_token_create(user=user, name="budget", organization=organization)
        return client, {"Authorization": f"Bearer {raw}"}
    client.force_login(user, backend="outsourcer.accounts.backends.EmailBackend")
    return client, {}


def queries_of(client, url: str, headers: dict, data=None) -> int:
    client.get(url, data or {}, headers=headers)  # the first view of a page may set a cookie
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, data or {}, headers=headers)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


@pytest.mark.parametrize("row", READ_ROWS, ids=[row.id for row in READ_ROWS])
def test_a_page_sends_at_most_the_query_budget(row, personas):
    # The persona with the most to see: the first column answered 200 (the owner, else the contractor).
    column = next((c for c in COLUMNS if c != "anonymous" and row.expected[c] == 200), "anonymous")
    user = personas.by_name(column)
    kwargs = row.kwargs(personas)
    if user is None:
        client, headers = Client(), {}
    else:
        client, headers = _client_for(personas, user, api=row.api)
    url = row.name.format(**kwargs) if row.api else reverse(row.name, kwargs=kwargs)

    assert queries_of(client, url, headers, row.data(personas) if row.data else None) <= QUERY_BUDGET


def _add_rows(personas, contract, budget, n: int) -> None:
    for i in range(n):
        day = date(2025, 3, 1) + timedelta(days=i % 14)
        insert_time_entry(contract, worked_on=day)
        insert_spend(budget, amount_cents=100 + i, occurred_on=day)


@pytest.mark.django_db
def test_list_pages_send_as_many_queries_for_many_rows_as_for_one(personas, time_machine):
    time_machine.move_to(date(2025, 3, 17))
    budget = make_budget(personas)
    contract = insert_hourly_contract(budget, personas.carol_engagement)
    org = personas.org.slug
    owner, _ = _client_for(personas, personas.alice, api=False)
    carol, _ = _client_for(personas, personas.carol, api=False)
    _, owner_api = _client_for(personas, personas.alice, api=True)
    _, carol_api = _client_for(personas, personas.carol, api=True)
    pages = [
        (owner, reverse("contracts:time-review", args=[org]), {}, {"status": ""}),
        (owner, reverse("contracts:time-review", args=[org]), {"HX-Request": "true"}, {"status": ""}),
        (owner, reverse("budgets:detail", args=[org, budget.pk]), {}, {"since": "2000-01-01"}),
        (owner, reverse("budgets:detail", args=[org, budget.pk]), {"HX-Request": "true"}, {"since": "2000-01-01"}),
        (carol, reverse("portal:time"), {}, None),
        (Client(), "/api/v1/time-entries", owner_api, None),
        (Client(), f"/api/v1/budgets/{budget.pk}/ledger", owner_api, None),
        (Client(), "/api/v1/portal/time-entries", carol_api, None),
    ]

    _add_rows(personas, contract, budget, 1)
    one = [queries_of(client, url, headers, data) for client, url, headers, data in pages]
    _add_rows(personas, contract, budget, 60)  # past two pages of 25
    many = [queries_of(client, url, headers, data) for client, url, headers, data in pages]

    assert one == many
    assert max(many) <= QUERY_BUDGET  # with rows to show (the matrix's pages may have none)
