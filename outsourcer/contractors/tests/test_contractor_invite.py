import pytest
from django.core import mail

from outsourcer.accounts.models import Invitation
from outsourcer.contractors.models import EngagementStatus
from outsourcer.testing.factories import EngagementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def prospect(personas):
    return EngagementFactory(organization=personas.org, status=EngagementStatus.PROSPECT, contractor__email="")


def _invite_url(url, engagement):
    return url("contractors:invite", engagement_id=engagement.pk)


def test_it_invites_by_email(personas, login_as, url, prospect, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = login_as(personas.bob).post(_invite_url(url, prospect), {"email": "Pat@Example.com"})
    assert response.status_code == 302
    invitation = Invitation.objects.get(engagement=prospect)
    assert invitation.email == "pat@example.com"
    assert len(mail.outbox) == 1
    assert "/accounts/invitations/" in mail.outbox[0].body
    prospect.contractor.refresh_from_db()
    assert prospect.contractor.email == "pat@example.com"


def test_it_needs_an_email_address(personas, login_as, url, prospect):
    response = login_as(personas.alice).post(_invite_url(url, prospect), {"email": ""})
    assert response.status_code == 400
    assert response.context["invite_form"].errors["email"] == ["Enter the contractor's e-mail address first."]
    assert not Invitation.objects.exists()


def test_it_refuses_a_contractor_who_has_an_account(personas, login_as, url):
    response = login_as(personas.alice).post(_invite_url(url, personas.carol_engagement), {"email": ""})
    assert response.status_code == 400
    assert "Carol Contractor already has an account." in response.content.decode()


def test_it_forbids_viewers(personas, login_as, url, prospect):
    assert login_as(personas.vera).post(_invite_url(url, prospect), {"email": "p@x.example"}).status_code == 403


def test_it_is_not_found_for_another_organizations_engagement(personas, login_as, url):
    other = EngagementFactory(organization=personas.other_org, status=EngagementStatus.PROSPECT)
    assert login_as(personas.alice).post(_invite_url(url, other), {"email": "p@x.example"}).status_code == 404
    assert not Invitation.objects.exists()


def test_it_rejects_get(personas, login_as, url, prospect):
    assert login_as(personas.alice).get(_invite_url(url, prospect)).status_code == 405
