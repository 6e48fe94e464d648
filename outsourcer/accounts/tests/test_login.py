import pytest
from django.test import override_settings
from django.urls import reverse

from outsourcer.testing.factories import PASSWORD

URL = reverse("accounts:login")

pytestmark = pytest.mark.django_db


def test_it_logs_in_with_any_case_of_the_e_mail(client, personas):
    response = client.post(URL, {"email": " ALICE@Crumb.example ", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.session["_auth_user_id"] == str(personas.alice.pk)


def test_it_explains_a_wrong_password_and_keeps_the_e_mail(client, personas):
    response = client.post(URL, {"email": "alice@crumb.example", "password": "not it"})

    assert response.status_code == 200
    assert b"do not match" in response.content
    assert b'value="alice@crumb.example"' in response.content
    assert "_auth_user_id" not in client.session


def test_it_follows_a_local_next(client, personas):
    response = client.post(URL + "?next=/o/crumb/members/", {"email": "alice@crumb.example", "password": PASSWORD})
    assert response.url == "/o/crumb/members/"


def test_it_ignores_a_next_to_another_site(client, personas):
    response = client.post(URL, {"email": "alice@crumb.example", "password": PASSWORD, "next": "https://evil.example/"})
    assert response.url == reverse("home")


def test_it_keeps_next_after_a_wrong_password(client, personas):
    response = client.post(URL, {"email": "alice@crumb.example", "password": "nope", "next": "/o/crumb/members/"})
    assert b'name="next" value="/o/crumb/members/"' in response.content


@override_settings(LOGIN_FAILURE_LIMIT=3)
def test_it_locks_the_account_and_address_after_repeated_failures(client, personas):
    for _ in range(3):
        assert client.post(URL, {"email": "alice@crumb.example", "password": "guess"}).status_code == 200

    response = client.post(URL, {"email": "alice@crumb.example", "password": PASSWORD})

    assert response.status_code == 429
    assert b"Too many failed attempts" in response.content
    assert "_auth_user_id" not in client.session


@override_settings(LOGIN_FAILURE_LIMIT=3)
def test_it_does_not_lock_other_accounts(client, personas):
    for _ in range(3):
        client.post(URL, {"email": "alice@crumb.example", "password": "guess"})

    response = client.post(URL, {"email": "bob@crumb.example", "password": PASSWORD})
    assert response.status_code == 302


def test_it_counts_again_after_a_success(client, personas):
    client.post(URL, {"email": "alice@crumb.example", "password": "guess"})
    client.post(URL, {"email": "alice@crumb.example", "password": PASSWORD})

    from outsourcer.accounts.models import LoginThrottle

    assert not LoginThrottle.objects.exists()
