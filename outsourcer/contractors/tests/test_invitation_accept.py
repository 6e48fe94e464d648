"""A contractor invitation accepted through `accounts:invitation-accept`, end to end."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from outsourcer.accounts.models import User
from outsourcer.contractors.models import Contractor, Engagement, EngagementStatus

pytestmark = pytest.mark.django_db


def _invite(client, org_slug: str, engagement: Engagement, capture) -> str:
    with capture(execute=True):
        response = client.post(reverse("contractors:invite", args=[org_slug, engagement.pk]), {"email": ""})
    assert response.status_code == 302
    return re.search(r"https?://\S+(/accounts/invitations/\S+/)", mail.outbox[-1].body).group(1)


def _oscar_adds_carol(personas, login_as) -> Engagement:
    client = login_as(personas.oscar)
    client.post(
        reverse("contractors:create", args=[personas.other_org.slug]),
        {"kind": "person", "name": "Carol (Oscar's record)", "email": "CAROL@studio.example", "time_zone": "UTC",
         "capacity_hours": "6", "currency": "EUR", "status": "prospect", "notes": "Oscar's note"},
    )  # fmt: skip
    return Engagement.objects.get(organization=personas.other_org, contractor__name="Carol (Oscar's record)")


def test_a_second_organizations_invitation_links_carols_existing_account(
    personas, login_as, django_capture_on_commit_callbacks
):
    engagement = _oscar_adds_carol(personas, login_as)
    link = _invite(login_as(personas.oscar), personas.other_org.slug, engagement, django_capture_on_commit_callbacks)

    response = login_as(personas.carol).post(link)

    assert response.status_code == 302
    assert response.url == reverse("portal:profile")
    assert Contractor.objects.filter(email="carol@studio.example").count() == 1
    engagement.refresh_from_db()
    assert engagement.contractor == personas.carol_contractor
    assert engagement.notes == "Oscar's note"
    assert set(personas.carol_contractor.engagements.values_list("organization__slug", flat=True)) == {
        "crumb",
        "oscars",
    }
    portal = login_as(personas.carol).get(reverse("portal:home")).content.decode()
    assert "Crumb &amp; Co." in portal and "Oscar&#x27;s Outfitters" in portal


def test_a_prospect_creates_an_account_and_lands_on_the_portal_profile(
    personas, client, login_as, django_capture_on_commit_callbacks
):
    create = reverse("contractors:create", args=[personas.org.slug])
    login_as(personas.alice).post(create, {"kind": "person", "name": "Nina New", "email": "nina@new.example",
                                           "time_zone": "Asia/Manila", "capacity_hours": "15", "currency": "EUR",
                                           "status": "vetting"})  # fmt: skip
    engagement = Engagement.objects.get(contractor__email="nina@new.example")
    link = _invite(client, personas.org.slug, engagement, django_capture_on_commit_callbacks)
    client.logout()

    page = client.get(link).content.decode()
    assert "Create your account" in page
    assert 'name="name" value="Nina New"' in page  # the name the organization knows, pre-filled
    response = client.post(link, {"name": "Nina New", "password": "a-long-enough-passphrase"}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("portal:profile")
    assert "Check your time zone, then set your working hours and capacity." in response.content.decode()
    nina = User.objects.get(email="nina@new.example")
    assert Contractor.objects.get(user=nina).pk == engagement.contractor_id
    assert client.get(reverse("portal:profile")).status_code == 200
    assert engagement.status == EngagementStatus.VETTING
