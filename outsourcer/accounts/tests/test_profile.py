import pytest
from django.urls import reverse

URL = reverse("accounts:profile")

pytestmark = pytest.mark.django_db


def test_it_shows_the_account(login_as, personas):
    response = login_as(personas.vera).get(URL)
    assert response.status_code == 200
    assert b"vera@crumb.example" in response.content


def test_it_saves_name_and_time_zone(login_as, personas):
    response = login_as(personas.vera).post(URL, {"name": "Vera B.", "time_zone": "America/Chicago"})

    personas.vera.refresh_from_db()
    assert response.status_code == 302
    assert (personas.vera.name, personas.vera.time_zone) == ("Vera B.", "America/Chicago")


def test_it_refuses_an_unknown_time_zone_and_keeps_the_name(login_as, personas):
    response = login_as(personas.vera).post(URL, {"name": "Vera B.", "time_zone": "Mars/Olympus"})

    personas.vera.refresh_from_db()
    assert response.status_code == 200
    assert b"Choose a time zone such as Europe/Berlin" in response.content
    assert b'value="Vera B."' in response.content
    assert personas.vera.time_zone == "Europe/Berlin"


def test_it_requires_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
