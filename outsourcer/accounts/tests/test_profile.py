import pytest
from django.urls import reverse

from outsourcer.accounts.models import Membership

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


def test_members_see_and_change_their_budget_alert_choice(login_as, personas):
    client = login_as(personas.bob)
    body = client.get(URL).content.decode()
    assert "Budget alerts" in body and 'name="budget_alerts"' in body and "checked" in body

    response = client.post(reverse("accounts:profile-alerts"), {})

    assert response.status_code == 302
    assert not Membership.objects.get(user=personas.bob).budget_alerts
    client.post(reverse("accounts:profile-alerts"), {"budget_alerts": [Membership.objects.get(user=personas.bob).pk]})
    assert Membership.objects.get(user=personas.bob).budget_alerts


def test_nobody_changes_someone_elses_alerts(login_as, personas):
    alices = Membership.objects.get(user=personas.alice)
    login_as(personas.bob).post(reverse("accounts:profile-alerts"), {"budget_alerts": [alices.pk, "x"]})
    Membership.objects.filter(pk=alices.pk).update(budget_alerts=False)

    login_as(personas.bob).post(reverse("accounts:profile-alerts"), {"budget_alerts": [alices.pk]})

    alices.refresh_from_db()
    assert not alices.budget_alerts  # Bob's request touched only his own membership


def test_viewers_and_contractors_have_no_budget_alert_choice(login_as, personas):
    assert b"Budget alerts" not in login_as(personas.vera).get(URL).content
    assert b"Budget alerts" not in login_as(personas.carol).get(URL).content
