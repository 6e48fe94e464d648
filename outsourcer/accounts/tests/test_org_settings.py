import pytest
from django.urls import reverse

from outsourcer.audit.models import Event

URL = reverse("orgs:settings", args=["crumb"])
VALID = {"name": "Crumb Bakery", "currency": "CHF", "time_zone": "Europe/Zurich"}

pytestmark = pytest.mark.django_db


def test_it_shows_the_current_settings(login_as, personas):
    response = login_as(personas.alice).get(URL)
    assert b'value="Crumb &amp; Co."' in response.content


def test_it_saves_and_records_what_changed(login_as, personas):
    response = login_as(personas.alice).post(URL, VALID)

    personas.org.refresh_from_db()
    event = Event.objects.get(action="organization_updated")
    assert response.url == URL
    assert (personas.org.name, personas.org.currency, personas.org.time_zone, personas.org.slug) == (
        "Crumb Bakery", "CHF", "Europe/Zurich", "crumb",
    )  # fmt: skip
    assert event.actor == personas.alice
    assert event.before == {"name": "Crumb & Co.", "currency": "EUR", "time_zone": "Europe/Berlin"}
    assert event.after == {"name": "Crumb Bakery", "currency": "CHF", "time_zone": "Europe/Zurich"}


def test_saving_unchanged_settings_records_nothing(login_as, personas):
    login_as(personas.alice).post(URL, {"name": "Crumb & Co.", "currency": "EUR", "time_zone": "Europe/Berlin"})
    assert not Event.objects.filter(action="organization_updated").exists()


def test_it_explains_a_bad_value_and_keeps_the_rest(login_as, personas):
    response = login_as(personas.alice).post(URL, {**VALID, "time_zone": "Atlantis/Capital"})

    personas.org.refresh_from_db()
    assert response.status_code == 400
    assert "time_zone" in response.context["form"].errors
    assert b'value="Crumb Bakery"' in response.content
    assert personas.org.name == "Crumb & Co."


def test_it_refuses_a_blank_name(login_as, personas):
    response = login_as(personas.alice).post(URL, {**VALID, "name": "   "})
    assert response.status_code == 400
    assert response.context["form"].errors["name"]


@pytest.mark.parametrize("persona", ["bob", "vera"])
def test_it_is_for_owners_only(login_as, personas, persona):
    client = login_as(getattr(personas, persona))
    assert client.get(URL).status_code == 403
    assert client.post(URL, VALID).status_code == 403
    personas.org.refresh_from_db()
    assert personas.org.name == "Crumb & Co."


def test_it_hides_another_organization(login_as, personas):
    assert login_as(personas.oscar).post(URL, VALID).status_code == 404
