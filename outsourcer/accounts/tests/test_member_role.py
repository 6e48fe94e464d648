import pytest
from django.urls import reverse

from outsourcer.accounts.models import Membership
from outsourcer.audit.models import Event

pytestmark = pytest.mark.django_db


def _url(membership: Membership, slug: str = "crumb") -> str:
    return reverse("orgs:member-role", args=[slug, membership.pk])


def _membership(personas, user) -> Membership:
    return Membership.objects.get(user=user, organization__in=[personas.org, personas.other_org])


def test_it_changes_the_role_and_records_it(login_as, personas):
    vera = _membership(personas, personas.vera)

    response = login_as(personas.alice).post(_url(vera), {"role": "manager"})

    vera.refresh_from_db()
    event = Event.objects.get(action="member_role_changed")
    assert response.url == reverse("orgs:members", args=["crumb"])
    assert vera.role == "manager"
    assert (event.actor, event.before, event.after) == (personas.alice, {"role": "viewer"}, {"role": "manager"})


def test_the_new_role_applies_on_the_next_request(login_as, personas):
    bob_client = login_as(personas.bob)
    assert bob_client.get(reverse("orgs:members", args=["crumb"])).status_code == 200

    from outsourcer.accounts.services import member_role_change

    member_role_change(membership=_membership(personas, personas.bob), role="viewer", actor=personas.alice)

    response = bob_client.post(
        reverse("orgs:member-invite", args=["crumb"]), {"email": "x@y.example", "role": "viewer"}
    )
    assert response.status_code == 403


def test_the_last_owner_cannot_step_down(login_as, personas):
    alice = _membership(personas, personas.alice)

    response = login_as(personas.alice).post(_url(alice), {"role": "viewer"})

    alice.refresh_from_db()
    assert response.status_code == 400
    assert alice.role == "owner"
    row = response.content.split(f'id="member-{alice.pk}"'.encode())[1].split(b"</tr>")[0]
    assert b"An organization must keep at least one owner." in row
    assert not Event.objects.filter(action="member_role_changed").exists()


def test_an_owner_can_step_down_when_another_owner_remains(login_as, personas):
    client = login_as(personas.alice)
    client.post(_url(_membership(personas, personas.bob)), {"role": "owner"})

    response = client.post(_url(_membership(personas, personas.alice)), {"role": "manager"})

    assert response.status_code == 302
    assert _membership(personas, personas.alice).role == "manager"
    assert client.get(reverse("orgs:members", args=["crumb"])).status_code == 200


def test_it_refuses_an_unknown_role_next_to_the_row(login_as, personas):
    vera = _membership(personas, personas.vera)

    response = login_as(personas.alice).post(_url(vera), {"role": "admin"})

    assert response.status_code == 400
    assert b"Choose owner, manager or viewer." in response.content
    assert _membership(personas, personas.vera).role == "viewer"


@pytest.mark.parametrize("persona", ["bob", "vera"])
def test_it_is_for_owners_only(login_as, personas, persona):
    response = login_as(getattr(personas, persona)).post(_url(_membership(personas, personas.vera)), {"role": "owner"})
    assert response.status_code == 403
    assert _membership(personas, personas.vera).role == "viewer"


def test_it_hides_another_organizations_member(login_as, personas):
    oscar = _membership(personas, personas.oscar)

    response = login_as(personas.alice).post(_url(oscar), {"role": "viewer"})

    assert response.status_code == 404
    assert _membership(personas, personas.oscar).role == "owner"


def test_it_rejects_get(login_as, personas):
    assert login_as(personas.alice).get(_url(_membership(personas, personas.vera))).status_code == 405
