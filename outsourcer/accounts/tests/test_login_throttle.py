"""The login throttle (docs/security.md): 5 failures per (account, client address) in 15 minutes."""

import logging
import threading

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from outsourcer.testing.factories import PASSWORD, UserFactory

URL = reverse("accounts:login")


def _post(client: Client, email: str, password: str, ip: str = "203.0.113.7"):
    return client.post(URL, {"email": email, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_it_refuses_the_sixth_attempt_with_a_clear_message(client, personas):
    for _ in range(5):
        assert _post(client, "alice@crumb.example", "guess").status_code == 200

    response = _post(client, "alice@crumb.example", PASSWORD)

    assert response.status_code == 429
    assert "Too many failed attempts" in response.content.decode()
    assert "try again in 15 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_real_user_still_logs_in_from_another_address(client, personas):
    attacker = Client()
    for _ in range(6):
        _post(attacker, "alice@crumb.example", "guess", ip="198.51.100.66")

    response = _post(client, "alice@crumb.example", PASSWORD, ip="203.0.113.7")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(personas.alice.pk)


@pytest.mark.django_db
def test_the_cool_off_ends_after_fifteen_minutes(client, personas):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for _ in range(5):
            _post(client, "alice@crumb.example", "guess")
        assert _post(client, "alice@crumb.example", PASSWORD).status_code == 429

        traveller.shift(15 * 60 + 1)

        assert _post(client, "alice@crumb.example", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_it_logs_failures_and_successes(client, personas, caplog):
    with caplog.at_level(logging.INFO, logger="outsourcer.security"):
        _post(client, "alice@crumb.example", "guess")
        _post(client, "alice@crumb.example", PASSWORD)

    messages = [record.getMessage() for record in caplog.records if record.name == "outsourcer.security"]
    assert any("login failed" in m and "alice@crumb.example" in m and "203.0.113.7" in m for m in messages)
    assert any("login succeeded" in m and f"user={personas.alice.pk}" in m for m in messages)
    assert not any(PASSWORD in m for m in messages)


@pytest.mark.django_db(transaction=True)
def test_the_limit_holds_when_fifty_wrong_attempts_arrive_at_once():
    if connection.vendor == "sqlite":
        # The in-memory test database uses SQLite's shared cache, whose table locks fail at once
        # instead of waiting; the real file database waits (busy_timeout). PostgreSQL runs it.
        pytest.skip("needs a database that lets 50 connections write at once: runs on PostgreSQL")
    user = UserFactory(email="target@crumb.example")
    attempts = 50
    barrier = threading.Barrier(attempts)
    statuses: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def attack() -> None:
        try:
            client = Client()
            barrier.wait(timeout=30)
            status = _post(client, user.email, "wrong password").status_code
            with lock:
                statuses.append(status)
        except BaseException as exc:  # surfaced below: a thread's error must fail the test
            with lock:
                errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=attack) for _ in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    # Exactly five password checks happened; the other 45 were refused before checking.
    assert sorted(statuses) == [200] * 5 + [429] * 45
