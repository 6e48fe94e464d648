import pytest
from django.urls import reverse

from outsourcer.accounts import services
from outsourcer.accounts.models import Invitation

pytestmark = pytest.mark.django_db


def _invite(personas, organization=None) -> Invitation:
    organization = organization or personas.org
    inviter = personas.alice if organization == personas.org else personas.oscar
    return services.member_invite(organization=organization, invited_by=inviter, email="nora@x.example", role="viewer")


def _url(invitation: Invitation) -> str:
    return reverse("orgs:invitation-revoke", args=["crumb", invitation.pk])


def test_it_withdraws_the_invitation_and_its_link(login_as, personas, client):
    invitation = _invite(personas)
    link = reverse("accounts:invitation-accept", args=[services.invitation_token(invitation)])

    response = login_as(personas.alice).post(_url(invitation))

    invitation.refresh_from_db()
    assert response.url == reverse("orgs:members", args=["crumb"])
    assert invitation.revoked_at is not None
    client.logout()
    assert client.get(link).status_code == 404


def test_it_explains_that_a_used_invitation_cannot_be_withdrawn(login_as, personas):
    invitation = _invite(personas)
    Invitation.objects.filter(pk=invitation.pk).update(accepted_at=invitation.created_at)

    response = login_as(personas.alice).post(_url(invitation), follow=True)

    assert b"already used or withdrawn" in response.content


@pytest.mark.parametrize("persona", ["bob", "vera"])
def test_it_is_for_owners_only(login_as, personas, persona):
    invitation = _invite(personas)
    assert login_as(getattr(personas, persona)).post(_url(invitation)).status_code == 403
    invitation.refresh_from_db()
    assert invitation.is_pending


def test_it_hides_another_organizations_invitation(login_as, personas):
    invitation = _invite(personas, personas.other_org)
    assert login_as(personas.alice).post(_url(invitation)).status_code == 404
    invitation.refresh_from_db()
    assert invitation.is_pending


def test_it_rejects_get(login_as, personas):
    assert login_as(personas.alice).get(_url(_invite(personas))).status_code == 405
