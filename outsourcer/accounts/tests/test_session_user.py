"""The session row carries its user's id and the session engine reads the user in the same
statement (issue 10: the fixed cost of a page). The user is still the one the session's data
names, checked by Django's `auth.get_user`: these tests pin what must not change."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
from django.contrib.sessions.models import Session as DjangoSession
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from outsourcer.accounts.models import Session, User
from outsourcer.testing.statements import statement_texts

pytestmark = pytest.mark.django_db

PAGE = "/notifications/"
LOGIN = reverse("accounts:login")


def _session_row(client) -> Session:
    return Session.objects.get(session_key=client.cookies["sessionid"].value)


def test_signing_in_stores_the_users_id_with_the_session(client, personas):
    personas.alice.set_password("a long enough password")
    personas.alice.save()
    response = client.post(LOGIN, {"email": personas.alice.email, "password": "a long enough password"})
    assert response.status_code == 302
    assert _session_row(client).user_id == personas.alice.pk
    assert client.get(PAGE).context["user"] == personas.alice


def test_a_signed_in_page_reads_session_and_user_in_one_statement(login_as, personas):
    client = login_as(personas.alice)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(PAGE)
    assert response.status_code == 200
    assert response.context["user"] == personas.alice
    reading_users = [sql for sql in statement_texts(queries) if "accounts_user" in sql]
    assert len(reading_users) == 1
    assert "accounts_session" in reading_users[0]


def test_the_user_is_the_one_the_session_data_names_not_the_column(login_as, personas):
    client = login_as(personas.alice)
    Session.objects.filter(pk=_session_row(client).pk).update(user_id=personas.bob.pk)
    assert client.get(PAGE).context["user"] == personas.alice


def test_a_column_naming_no_user_falls_back_to_the_user_the_data_names(login_as, personas):
    client = login_as(personas.alice)
    Session.objects.filter(pk=_session_row(client).pk).update(user_id=10**9)
    assert client.get(PAGE).context["user"] == personas.alice


def test_deleting_a_user_deletes_their_sessions_and_signs_them_out(login_as, personas):
    client = login_as(personas.oscar)
    assert Session.objects.filter(user_id=personas.oscar.pk).count() == 1
    User.objects.get(pk=personas.oscar.pk).delete()
    assert not Session.objects.filter(user_id=personas.oscar.pk).exists()
    assert client.get(PAGE).status_code == 302


def test_logging_out_deletes_the_session_row(login_as, personas):
    client = login_as(personas.alice)
    key = _session_row(client).pk
    client.post(reverse("accounts:logout"))
    assert not Session.objects.filter(pk=key).exists()
    assert client.get(PAGE).status_code == 302


def test_a_password_changed_elsewhere_signs_this_session_out(login_as, personas):
    client = login_as(personas.alice)
    key = _session_row(client).pk
    alice = User.objects.get(pk=personas.alice.pk)
    alice.set_password("another long password")
    alice.save()
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)
    assert not Session.objects.filter(pk=key).exists()  # flushed


def test_an_inactive_user_is_signed_out(login_as, personas):
    client = login_as(personas.alice)
    User.objects.filter(pk=personas.alice.pk).update(is_active=False)
    assert client.get(PAGE).status_code == 302


def test_an_expired_session_is_signed_out(login_as, personas):
    client = login_as(personas.alice)
    Session.objects.all().update(expire_date=timezone.now() - timedelta(seconds=1))
    assert client.get(PAGE).status_code == 302


def test_a_rotated_secret_key_keeps_the_session_and_its_user_id(login_as, personas, settings):
    client = login_as(personas.alice)
    old_key = _session_row(client).pk
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a new secret key " * 4
    response = client.get(PAGE)
    assert response.status_code == 200
    assert response.context["user"] == personas.alice
    new_row = _session_row(client)
    assert new_row.pk != old_key  # Django cycles the key when a fallback verified it
    assert new_row.user_id == personas.alice.pk


def test_an_anonymous_session_has_no_user(client, db):
    store = Session.get_session_store_class()()
    store["note"] = "kept"
    store.save()
    assert Session.objects.get(pk=store.session_key).user_id is None
    assert store.__class__(store.session_key).load() == {"note": "kept"}


def test_the_migration_keeps_everyone_signed_in(personas):
    migration = __import__("outsourcer.accounts.migrations.0005_session_with_user", fromlist=["sessions_forward"])
    old = DjangoSessionStore()
    old[SESSION_KEY] = str(personas.alice.pk)
    old.create()
    anonymous = DjangoSessionStore()
    anonymous["note"] = "kept"
    anonymous.create()
    expired = DjangoSessionStore()
    expired.create()
    DjangoSession.objects.filter(pk=expired.session_key).update(expire_date=timezone.now() - timedelta(days=1))

    migration.sessions_forward(apps, None)

    assert Session.objects.get(pk=old.session_key).user_id == personas.alice.pk
    assert Session.objects.get(pk=anonymous.session_key).user_id is None
    assert not Session.objects.filter(pk=expired.session_key).exists()
    assert Session.get_session_store_class()(old.session_key).load() == {SESSION_KEY: str(personas.alice.pk)}
