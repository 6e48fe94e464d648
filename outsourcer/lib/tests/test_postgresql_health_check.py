"""The PostgreSQL engine's health check of a reused connection sends nothing, and still replaces a
connection the server ended while it sat idle (outsourcer/lib/postgresql)."""

import time

import pytest
from django.conf import settings
from django.db import connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL engine's own check"),
]


@pytest.fixture
def reused():
    # A second connection as Django keeps one between requests: health checks on, not yet done.
    other = connection.copy()
    other.ensure_connection()
    other.health_check_enabled = True
    other.health_check_done = False
    yield other
    other.close()


def test_the_project_uses_it():
    assert settings.DATABASES["default"]["ENGINE"] == "outsourcer.lib.postgresql"
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def test_a_healthy_connection_is_kept_and_nothing_is_sent(reused):
    raw = reused.connection
    raw.execute("SELECT 'the last statement'")
    reused.close_if_health_check_failed()
    assert reused.connection is raw
    assert reused.health_check_done is True
    with connection.cursor() as cursor:  # what the server last received on that connection
        cursor.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", [raw.info.backend_pid])
        assert cursor.fetchone()[0] == "SELECT 'the last statement'"
    with reused.cursor() as cursor:  # the next query goes through on the same connection
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] == raw.info.backend_pid


def test_a_connection_the_server_ended_is_replaced_before_the_query(reused):
    pid = reused.connection.info.backend_pid
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    for _ in range(100):  # the server closes the socket right after; wait for it to arrive
        if reused.connection.closed or _readable(reused.connection):
            break
        time.sleep(0.01)
    reused.close_if_health_check_failed()
    assert reused.connection is None
    with reused.cursor() as cursor:  # a fresh connection: the request does not fail
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != pid


def test_a_connection_left_in_a_transaction_is_replaced(reused):
    reused.connection.execute("BEGIN")
    reused.close_if_health_check_failed()
    assert reused.connection is None


def _readable(raw) -> bool:
    import select

    return bool(select.select([raw.fileno()], [], [], 0)[0])
