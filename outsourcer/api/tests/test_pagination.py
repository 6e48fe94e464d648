from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outsourcer.api import pagination
from outsourcer.testing.builders import make_budget
from outsourcer.testing.factories import ContractorFactory, EngagementFactory
from outsourcer.testing.rows import insert_hourly_contract, insert_time_entry

pytestmark = pytest.mark.django_db


def _walk(client, path, **params) -> tuple[list[dict], list[dict]]:
    """Every item by following `next` from the first page; and every page's body."""
    items, bodies, cursor = [], [], None
    while True:
        body = client.get(path, **params, **({"cursor": cursor} if cursor else {})).json()
        bodies.append(body)
        items += body["items"]
        cursor = body["next"]
        if cursor is None:
            return items, bodies


@pytest.fixture
def seven_entries(personas):
    contract = insert_hourly_contract(make_budget(personas), personas.carol_engagement)
    # Three on one day: the cursor must tell them apart by id, not skip or repeat one.
    days = [date(2025, 3, 3)] * 3 + [date(2025, 3, 4), date(2025, 3, 5), date(2025, 3, 1), date(2025, 3, 10)]
    return [insert_time_entry(contract, worked_on=day) for day in days]


def test_following_next_reads_every_time_entry_once_newest_first(personas, api_as, seven_entries):
    items, bodies = _walk(api_as(personas.alice), "/time-entries", limit=2)

    expected = sorted(seven_entries, key=lambda e: (e.worked_on, e.pk), reverse=True)
    assert [item["id"] for item in items] == [e.pk for e in expected]
    assert [len(body["items"]) for body in bodies] == [2, 2, 2, 1]
    assert {body["count"] for body in bodies} == {7}


def test_a_cursor_page_reads_from_its_position_not_an_offset(personas, api_as, seven_entries):
    client = api_as(personas.alice)
    first = client.get("/time-entries", limit=3).json()

    with CaptureQueriesContext(connection) as captured:
        client.get("/time-entries", limit=3, cursor=first["next"])

    page_query = [q["sql"] for q in captured.captured_queries if "LIMIT 4" in q["sql"]]
    assert len(page_query) == 1
    assert "OFFSET" not in page_query[0]
    assert '"worked_on" <' in page_query[0]


def test_a_list_ordered_through_a_relation_pages_by_its_key(personas, api_as):
    # Two contractors of the same name: the id tells them apart.
    for name in ("Ann", "Bea", "Bea", "Cid"):
        EngagementFactory(organization=personas.org, contractor=ContractorFactory(name=name))

    items, _ = _walk(api_as(personas.alice), "/contractors", limit=2)

    names = [item["contractor"]["name"] for item in items]
    assert names == sorted(names) == ["Ann", "Bea", "Bea", "Carol Contractor", "Cid"]
    assert len({item["id"] for item in items}) == 5


def test_a_list_not_ordered_down_to_the_id_pages_by_offset(personas, api_as):
    items, bodies = _walk(api_as(personas.alice), "/members", limit=1)

    assert [item["email"] for item in items] == sorted(item["email"] for item in items)
    assert len(items) == len(bodies) == 3  # Alice, Bob, Vera


def test_offset_still_works_for_older_clients(personas, api_as, seven_entries):
    body = api_as(personas.alice).get("/time-entries", limit=2, offset=6).json()

    assert [item["id"] for item in body["items"]] == [seven_entries[5].pk]  # the oldest
    assert body["next"] is None


def test_count_is_null_past_the_cap(personas, api_as, seven_entries, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CAP", 6)
    client = api_as(personas.alice)

    assert client.get("/time-entries").json()["count"] is None
    assert client.get("/time-entries", status="submitted", since="2025-03-05").json()["count"] == 2


@pytest.mark.parametrize("cursor", ["nonsense", "e30:1abc:xyz", ""])
def test_a_bad_cursor_answers_422(personas, api_as, seven_entries, cursor):
    response = api_as(personas.alice).get("/time-entries", cursor=cursor + "x")

    assert response.status_code == 422
    assert "cursor" in response.json()["errors"]


def test_a_cursor_of_another_list_answers_422(personas, api_as, seven_entries):
    client = api_as(personas.alice)
    ledger_free = client.get("/contracts", limit=1)
    time_cursor = client.get("/time-entries", limit=1).json()["next"]
    assert ledger_free.status_code == 200

    response = client.get("/contracts", cursor=time_cursor)

    assert response.status_code == 422


def test_the_portal_pages_by_cursor_too(personas, api_as, seven_entries):
    items, _ = _walk(api_as(personas.carol, portal=True), "/portal/time-entries", limit=3)

    assert sorted(item["id"] for item in items) == sorted(e.pk for e in seven_entries)


def test_a_page_of_a_time_ordered_list_keeps_microseconds(personas, api_as):
    # Contracts are ordered by created_at: a cursor cut to milliseconds would skip rows.
    budget = make_budget(personas)
    base = personas.carol_engagement
    contracts = [insert_hourly_contract(budget, base, title=f"C{i}") for i in range(3)]
    for i, contract in enumerate(contracts):
        contract.created_at = contracts[0].created_at.replace(microsecond=100) + timedelta(microseconds=i)
        contract.save(update_fields=["created_at"])

    items, _ = _walk(api_as(personas.alice), "/contracts", limit=1)

    assert [item["id"] for item in items] == [c.pk for c in reversed(contracts)]


def test_the_count_does_not_sort_what_it_counts(personas, api_as, seven_entries, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CAP", 6)
    client = api_as(personas.alice)

    with CaptureQueriesContext(connection) as captured:
        body = client.get("/time-entries").json()
    counts = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT COUNT(*)")]
    assert len(counts) == 1 and "ORDER BY" not in counts[0]
    assert body["count"] is None and len(body["items"]) == 7  # newest first, as before
    assert [i["worked_on"] for i in body["items"]][:2] == ["2025-03-10", "2025-03-05"]
