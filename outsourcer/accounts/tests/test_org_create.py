import pytest
from django.urls import reverse

from outsourcer.accounts.models import Membership, Organization
from outsourcer.audit.models import Event

URL = reverse("orgs:create")

pytestmark = pytest.mark.django_db


def test_it_defaults_the_time_zone_to_the_owners(login_as, personas):
    response = login_as(personas.carol).get(URL)
    assert 'value="Europe/Lisbon — Lisbon, Portugal (UTC+' in response.content.decode()


def test_it_creates_an_organization_owned_by_the_caller(login_as, personas):
    response = login_as(personas.carol).post(
        URL, {"name": "Carol's Studio", "currency": "GBP", "time_zone": "Europe/London"}
    )

    organization = Organization.objects.get(name="Carol's Studio")
    assert response.url == reverse("orgs:home", args=[organization.slug])
    assert (organization.currency, organization.time_zone) == ("GBP", "Europe/London")
    assert Membership.objects.get(organization=organization).user == personas.carol
    assert Event.objects.filter(organization=organization, action="organization_created").count() == 1


def test_it_explains_a_missing_name_next_to_the_field(login_as, personas):
    response = login_as(personas.carol).post(URL, {"name": "", "currency": "GBP", "time_zone": "Europe/London"})

    assert response.status_code == 400
    assert response.context["form"].errors["name"] == ["This field is required."]
    assert not Organization.objects.filter(memberships__user=personas.carol).exists()


def test_it_refuses_an_unknown_currency(login_as, personas):
    response = login_as(personas.carol).post(URL, {"name": "Studio", "currency": "XXX", "time_zone": "UTC"})

    assert response.status_code == 400
    assert "currency" in response.context["form"].errors
    assert b'value="Studio"' in response.content


def test_it_requires_login(client):
    assert client.get(URL).status_code == 302


def test_it_guesses_the_currency_from_the_browser_language_and_says_so(login_as, personas):
    body = login_as(personas.carol).get(URL, headers={"accept-language": "en-GB,en;q=0.9"}).content.decode()

    assert 'name="currency" value="GBP — British pound"' in body
    assert "We guessed GBP — British pound from your browser&#x27;s language (en-GB)" in body


def test_it_refuses_a_zone_that_is_not_listed_and_keeps_what_was_typed(login_as, personas):
    response = login_as(personas.carol).post(URL, {"name": "Carol's Studio", "currency": "GBP", "time_zone": "Factory"})

    assert response.status_code == 400
    assert 'value="Factory"' in response.content.decode()
    assert not Organization.objects.filter(name="Carol's Studio").exists()
