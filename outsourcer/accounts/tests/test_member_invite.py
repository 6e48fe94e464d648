import pytest
from django.core import mail
from django.urls import reverse

from outsourcer.accounts.models import Invitation
from outsourcer.audit.models import Event

URL = reverse("orgs:member-invite", args=["crumb"])

pytestmark = pytest.mark.django_db


def test_it_invites_by_e_mail(login_as, personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = login_as(personas.alice).post(URL, {"email": "Nora@Crumb.example", "role": "manager"})

    invitation = Invitation.objects.get()
    assert response.url == reverse("orgs:members", args=["crumb"])
    assert (invitation.email, invitation.role, invitation.invited_by) == (
        "nora@crumb.example",
        "manager",
        personas.alice,
    )
    assert mail.outbox[0].to == ["nora@crumb.example"]
    assert "as a manager" in mail.outbox[0].body
    assert "/accounts/invitations/" in mail.outbox[0].body
    assert Event.objects.filter(action="member_invited", after__email="nora@crumb.example").exists()


def test_inviting_again_replaces_the_pending_invitation(login_as, personas):
    client = login_as(personas.alice)
    client.post(URL, {"email": "nora@crumb.example", "role": "viewer"})
    client.post(URL, {"email": "nora@crumb.example", "role": "manager"})

    pending = [i for i in Invitation.objects.all() if i.is_pending]
    assert [(i.email, i.role) for i in pending] == [("nora@crumb.example", "manager")]


def test_it_explains_a_bad_address_next_to_the_field(login_as, personas):
    response = login_as(personas.alice).post(URL, {"email": "nora at crumb", "role": "viewer"})

    assert response.status_code == 400
    assert response.context["form"].errors["email"] == ["Enter a valid email address."]
    assert b'value="nora at crumb"' in response.content
    assert not Invitation.objects.exists()


def test_it_refuses_someone_who_is_already_a_member(login_as, personas):
    response = login_as(personas.alice).post(URL, {"email": "BOB@crumb.example", "role": "viewer"})

    assert response.status_code == 400
    assert response.context["form"].errors["email"] == ["This person is already a member."]
    assert mail.outbox == []


def test_it_refuses_an_unknown_role(login_as, personas):
    response = login_as(personas.alice).post(URL, {"email": "nora@crumb.example", "role": "admin"})
    assert response.status_code == 400
    assert "role" in response.context["form"].errors


@pytest.mark.parametrize("persona", ["bob", "vera"])
def test_it_is_for_owners_only(login_as, personas, persona):
    response = login_as(getattr(personas, persona)).post(URL, {"email": "nora@crumb.example", "role": "owner"})
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_it_hides_another_organization(login_as, personas):
    response = login_as(personas.oscar).post(URL, {"email": "nora@crumb.example", "role": "owner"})
    assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_it_rejects_get(login_as, personas):
    assert login_as(personas.alice).get(URL).status_code == 405
