import pytest
from django.urls import reverse

from outsourcer.accounts import services
from outsourcer.testing.factories import EngagementFactory

URL = reverse("orgs:home", args=["crumb"])

pytestmark = pytest.mark.django_db


def test_it_counts_the_contractors_by_status(login_as, personas):
    EngagementFactory(organization=personas.org, status="vetting")

    response = login_as(personas.vera).get(URL)

    assert response.status_code == 200
    assert response.context["counts"]["total"] == 2
    assert response.context["counts"]["vetting"] == 1


def test_it_shows_owners_the_recent_activity(login_as, personas):
    services.organization_update(
        organization=personas.org, actor=personas.alice, name="Crumb Bakery", currency="EUR", time_zone="UTC"
    )

    response = login_as(personas.alice).get(URL)

    assert b"changed the organization settings" in response.content
    assert reverse("audit:activity", args=["crumb"]).encode() in response.content


def test_it_shows_no_activity_to_a_manager(login_as, personas):
    response = login_as(personas.bob).get(URL)

    assert response.context["recent_events"] == []
    assert b"Recent activity" not in response.content


def test_it_offers_the_first_step_to_an_empty_organization(login_as, personas):
    response = login_as(personas.oscar).get(reverse("orgs:home", args=["oscars"]))
    assert b"Recent activity" in response.content

    personas.dan_engagement.delete()
    response = login_as(personas.oscar).get(reverse("orgs:home", args=["oscars"]))
    assert b"Add your first contractor" in response.content


def test_it_hides_another_organization(login_as, personas):
    assert login_as(personas.oscar).get(URL).status_code == 404
