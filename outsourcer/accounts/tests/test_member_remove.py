import pytest
from django.urls import reverse

from outsourcer.accounts.models import Membership
from outsourcer.audit.models import Event

pytestmark = pytest.mark.django_db


def _url(membership: Membership, slug: str = "crumb") -> str:
    return reverse("orgs:member-remove", args=[slug, membership.pk])


def _membership(user) -> Membership:
    return Membership.objects.get(user=user)


def test_it_removes_the_member_and_ends_their_access(login_as, personas):
    from django.test import Client

    vera_client = Client()
    vera_client.force_login(personas.vera)
    assert vera_client.get(reverse("orgs:home", args=["crumb"])).status_code == 200

    response = login_as(personas.alice).post(_url(_membership(personas.vera)))

    assert response.url == reverse("orgs:members", args=["crumb"])
    assert not Membership.objects.filter(user=personas.vera).exists()
    event = Event.objects.get(action="member_removed")
    assert event.before == {"user": "vera@crumb.example", "role": "viewer"}
    assert vera_client.get(reverse("orgs:home", args=["crumb"])).status_code == 404


def test_the_last_owner_cannot_be_removed(login_as, personas):
    Membership.objects.filter(user=personas.bob).update(role="owner")
    client = login_as(personas.bob)
    client.post(_url(_membership(personas.alice)))

    response = client.post(_url(_membership(personas.bob)), follow=True)

    assert _membership(personas.bob).role == "owner"
    assert b"An organization must keep at least one owner." in response.content


def test_an_owner_who_removes_themselves_is_sent_home(login_as, personas):
    Membership.objects.filter(user=personas.bob).update(role="owner")

    response = login_as(personas.alice).post(_url(_membership(personas.alice)))

    assert response.url == reverse("home")
    assert not Membership.objects.filter(user=personas.alice).exists()


@pytest.mark.parametrize("persona", ["bob", "vera"])
def test_it_is_for_owners_only(login_as, personas, persona):
    response = login_as(getattr(personas, persona)).post(_url(_membership(personas.vera)))
    assert response.status_code == 403
    assert Membership.objects.filter(user=personas.vera).exists()


def test_it_hides_another_organizations_member(login_as, personas):
    assert login_as(personas.alice).post(_url(_membership(personas.oscar))).status_code == 404
    assert Membership.objects.filter(user=personas.oscar).exists()


def test_it_rejects_get(login_as, personas):
    assert login_as(personas.alice).get(_url(_membership(personas.vera))).status_code == 405
