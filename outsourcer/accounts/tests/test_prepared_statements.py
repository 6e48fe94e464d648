"""The statements every page sends are prepared once per connection on PostgreSQL and run by name
after (outsourcer/lib/postgresql through lib.queries.fetch_models, here with accounts' users):
same rows, counted and logged like any query, planned once."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from outsourcer.accounts.models import User
from outsourcer.lib.queries import fetch_models, model_columns

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL engine's own statements"),
]

SQL = f"SELECT {model_columns(User, 'u')} FROM accounts_user u WHERE u.id = %s OR u.email = %s ORDER BY u.id"  # noqa: S608


def prepared_names() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pg_prepared_statements")
        return {row[0] for row in cursor.fetchall()}


@pytest.fixture
def users(personas):
    return personas.alice, personas.bob


def test_the_rows_are_the_ones_the_plain_statement_reads(users):
    alice, bob = users
    first = fetch_models(SQL, [alice.pk, bob.email], User)
    again = fetch_models(SQL, [bob.pk, alice.email], User)
    assert [row[0] for row in first] == [alice, bob]
    assert [row[0] for row in again] == [alice, bob]
    assert again[0][0].email == alice.email and again[0][0].time_zone == alice.time_zone


def test_prepared_once_then_run_by_name_and_counted_as_one_query(users):
    alice, bob = users
    sql = SQL + " LIMIT 5"  # a statement no other test prepares on this connection
    before = prepared_names()
    with CaptureQueriesContext(connection) as first:
        fetch_models(sql, [alice.pk, ""], User)
    added = prepared_names() - before
    assert len(added) == 1  # PREPARE went to the server, not into the page's queries
    with CaptureQueriesContext(connection) as second:
        rows = fetch_models(sql, [bob.pk, ""], User)
    assert rows == [(bob,)]
    assert len(first) == len(second) == 1
    name = added.pop()
    assert second.captured_queries[0]["sql"].startswith(f"EXECUTE {name}(")
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE name = %s", [name])
        assert cursor.fetchone()[0] == f"PREPARE {name} AS " + sql.replace("%s", "$1", 1).replace("%s", "$2", 1)
    assert len(prepared_names() - before) == 1


def test_a_rolled_back_transaction_keeps_the_statement(users):
    alice, _ = users
    with pytest.raises(RuntimeError), transaction.atomic():
        fetch_models(SQL, [alice.pk, ""], User)
        raise RuntimeError
    assert fetch_models(SQL, [alice.pk, ""], User) == [(alice,)]


def test_a_new_connection_prepares_it_again():
    other = connection.copy()
    try:
        with other.cursor() as cursor:
            other.execute_prepared(cursor, "SELECT %s::int + 1", [1])
            assert cursor.fetchone() == (2,)
        other.close()
        with other.cursor() as cursor:
            other.execute_prepared(cursor, "SELECT %s::int + 1", [2])
            assert cursor.fetchone() == (3,)
    finally:
        other.close()


def test_off_or_with_a_percent_sign_the_text_is_sent():
    other = connection.copy()
    try:
        other.settings_dict["PREPARED_STATEMENTS"] = False
        with CaptureQueriesContext(other) as captured, other.cursor() as cursor:
            other.execute_prepared(cursor, "SELECT %s::int * 2", [4])
            assert cursor.fetchone() == (8,)
        assert captured.captured_queries[0]["sql"] == "SELECT 4::int * 2"
        other.settings_dict["PREPARED_STATEMENTS"] = True
        with CaptureQueriesContext(other) as captured, other.cursor() as cursor:
            other.execute_prepared(cursor, "SELECT 7 %% 4 + %s::int", [1])
            assert cursor.fetchone() == (4,)
        assert captured.captured_queries[0]["sql"] == "SELECT 7 % 4 + 1::int"
    finally:
        other.close()
