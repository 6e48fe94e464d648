import pytest
from django.urls import reverse

from outsourcer.accounts.models import Membership
from outsourcer.audit.models import Event

URL = reverse("orgs:member-leave", args=["crumb"])

pytestmark = pytest.mark.django_db


def test_a_member_can_leave(login_as, personas):
    client = login_as(personas.vera)

    response = client.post(URL, follow=True)

    assert not Membership.objects.filter(user=personas.vera).exists()
    assert Event.objects.get(action="member_removed").actor == personas.vera
    assert b"You left Crumb &amp; Co." in response.content
    assert client.get(reverse("orgs:home", args=["crumb"])).status_code == 404


def test_the_only_owner_is_told_to_appoint_another(login_as, personas):
    response = login_as(personas.alice).post(URL, follow=True)

    assert Membership.objects.filter(user=personas.alice).exists()
    assert b"Make someone else an owner first." in response.content


def test_it_is_for_members_only(login_as, personas):
    assert login_as(personas.oscar).post(URL).status_code == 404
    assert login_as(personas.carol).post(URL).status_code == 404


def test_it_rejects_get(login_as, personas):
    assert login_as(personas.vera).get(URL).status_code == 405
    assert Membership.objects.filter(user=personas.vera).exists()


def test_the_only_owner_is_told_before_any_confirmation(login_as, personas, org_url):
    body = login_as(personas.alice).get(org_url("orgs:members")).content.decode()

    assert "You are the only owner of Crumb &amp; Co., so you cannot leave it yet" in body
    assert 'action="/o/crumb/members/leave/"' not in body and ">Leave Crumb &amp; Co.</summary>" not in body


def test_an_owner_with_a_co_owner_gets_the_leave_button(login_as, personas, org_url):
    Membership.objects.filter(user=personas.bob, organization=personas.org).update(role="owner")

    body = login_as(personas.alice).get(org_url("orgs:members")).content.decode()

    assert "cannot leave it yet" not in body and ">Leave Crumb &amp; Co.</summary>" in body
    assert "You lose access to Crumb &amp; Co. at once." in body
