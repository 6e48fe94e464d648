import pytest
from django.urls import reverse

URL = reverse("accounts:logout")

pytestmark = pytest.mark.django_db


def test_it_logs_out(login_as, personas):
    client = login_as(personas.alice)
    response = client.post(URL)

    assert response.url == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


def test_it_rejects_get(login_as, personas):
    client = login_as(personas.alice)
    assert client.get(URL).status_code == 405
    assert "_auth_user_id" in client.session


def test_it_sends_a_local_next_on_to_the_login_page(login_as, personas):
    response = login_as(personas.alice).post(URL, {"next": "/accounts/invitations/abc/"})
    assert response.url == reverse("accounts:login") + "?next=%2Faccounts%2Finvitations%2Fabc%2F"


def test_it_ignores_a_next_to_another_site(login_as, personas):
    response = login_as(personas.alice).post(URL, {"next": "//evil.example/"})
    assert response.url == reverse("accounts:login")
