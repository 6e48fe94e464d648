from datetime import timedelta
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

from outsourcer.accounts import services
from outsourcer.accounts.models import Invitation, Membership, User
from outsourcer.audit.models import Event
from outsourcer.testing.factories import PASSWORD

NEW_PASSWORD = "rye sourdough starter 9"

pytestmark = pytest.mark.django_db


def _invite(personas, email="nora@crumb.example", role="viewer") -> tuple[Invitation, str]:
    invitation = services.member_invite(organization=personas.org, invited_by=personas.alice, email=email, role=role)
    return invitation, reverse("accounts:invitation-accept", args=[services.invitation_token(invitation)])


def test_it_creates_an_account_for_a_new_person_and_joins_them(client, personas):
    invitation, url = _invite(personas)

    response = client.post(url, {"name": "Nora", "password": NEW_PASSWORD})

    nora = User.objects.get(email="nora@crumb.example")
    assert response.url == reverse("orgs:home", args=["crumb"])
    assert Membership.objects.get(user=nora, organization=personas.org).role == "viewer"
    assert Event.objects.filter(action="member_joined", actor=nora, organization=personas.org).exists()
    assert client.get(response.url).status_code == 200


def test_it_keeps_the_name_when_the_password_is_weak(client, personas):
    _, url = _invite(personas)

    response = client.post(url, {"name": "Nora", "password": "password123"})

    assert response.status_code == 200
    assert b"too common" in response.content
    assert b'value="Nora"' in response.content
    assert not User.objects.filter(email="nora@crumb.example").exists()


def test_it_asks_someone_with_an_account_to_log_in(client, personas):
    _, url = _invite(personas, email="oscar@oscars.example")

    response = client.get(url)

    assert b"Log in as oscar@oscars.example" in response.content
    assert f'href="{reverse("accounts:login")}?next={quote(url)}"'.encode() in response.content


def test_it_lets_the_logged_in_invitee_accept(login_as, personas):
    _, url = _invite(personas, email="oscar@oscars.example", role="manager")
    client = login_as(personas.oscar)

    response = client.post(url)

    assert response.url == reverse("orgs:home", args=["crumb"])
    assert Membership.objects.get(user=personas.oscar, organization=personas.org).role == "manager"


def test_it_does_not_let_another_account_accept(login_as, personas):
    _, url = _invite(personas, email="oscar@oscars.example")
    client = login_as(personas.dan)

    page = client.get(url)
    client.post(url)

    assert b"You are logged in as dan@dev.example" in page.content
    assert not Membership.objects.filter(organization=personas.org, user__in=[personas.dan, personas.oscar]).exists()


@pytest.mark.parametrize("spoil", ["revoke", "expire", "use"])
def test_a_spent_link_answers_404(client, personas, spoil):
    invitation, url = _invite(personas)
    if spoil == "revoke":
        services.invitation_revoke(invitation=invitation, actor=personas.alice)
    elif spoil == "expire":
        Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    else:
        client.post(url, {"name": "Nora", "password": NEW_PASSWORD})
        client.post(reverse("accounts:logout"))

    response = client.get(url)

    assert response.status_code == 404
    assert b"This invitation no longer works" in response.content


def test_a_tampered_link_answers_404(client, personas):
    _, url = _invite(personas)
    assert client.get(url[:-3] + "xyz/").status_code == 404


def test_the_invitee_can_log_in_afterwards(client, personas):
    _, url = _invite(personas)
    client.post(url, {"name": "Nora", "password": NEW_PASSWORD})
    client.post(reverse("accounts:logout"))

    response = client.post(reverse("accounts:login"), {"email": "nora@crumb.example", "password": NEW_PASSWORD})

    assert response.status_code == 302
    assert PASSWORD != NEW_PASSWORD
