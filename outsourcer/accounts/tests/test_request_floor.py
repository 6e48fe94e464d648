"""What every signed-in request reads (the session, the user, the nav's memberships) comes from
hand-written statements (issue 10: the fixed cost of a page); they must return exactly what the
ORM queries they replace returned."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from outsourcer.accounts.backends import EmailBackend
from outsourcer.accounts.models import Membership, Session, User
from outsourcer.accounts.selectors import membership_list_for_user, user_for_session
from outsourcer.accounts.sessions import SessionStore
from outsourcer.testing.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def _field_values(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


def test_the_session_engine_is_the_fast_one_and_a_signed_in_page_works(client, personas):
    assert settings.SESSION_ENGINE == "outsourcer.accounts.sessions"
    client.force_login(personas.alice)
    response = client.get("/notifications/")
    assert response.status_code == 200
    assert response.context["user"] == personas.alice


def test_a_session_loads_what_django_stored_and_an_expired_one_nothing(client, personas):
    client.force_login(personas.alice)
    key = client.session.session_key
    store = SessionStore(key)
    assert store.load() == Session.objects.get(session_key=key).get_decoded()
    assert store.session_key == key

    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    expired = SessionStore(key)
    assert expired.load() == {}
    assert expired.session_key is None
    assert client.get("/notifications/").status_code == 302  # back to the login page


def test_the_user_of_a_session_is_the_orm_row(personas):
    alice = User.objects.get(pk=personas.alice.pk)
    loaded = user_for_session(user_id=alice.pk)
    assert _field_values(loaded) == _field_values(alice)
    assert loaded._state.adding is False
    assert user_for_session(user_id=10**9) is None


def test_an_inactive_user_is_signed_out(personas):
    backend = EmailBackend()
    assert backend.get_user(personas.alice.pk) == personas.alice
    User.objects.filter(pk=personas.alice.pk).update(is_active=False)
    assert backend.get_user(personas.alice.pk) is None
    assert backend.get_user("not a number") is None


def test_memberships_for_the_nav_match_the_orm_in_one_query(personas, django_assert_num_queries):
    # A second organization whose name sorts first: the order is by organization name.
    MembershipFactory(organization=OrganizationFactory(name="Apple Bakers", slug="apple"), user=personas.alice)
    expected = list(
        Membership.objects.filter(user=personas.alice).select_related("organization").order_by("organization__name")
    )
    with django_assert_num_queries(1):
        memberships = membership_list_for_user(user=personas.alice)
        names = [m.organization.name for m in memberships]  # no query per organization
    assert [m.pk for m in memberships] == [m.pk for m in expected]
    assert names == ["Apple Bakers", "Crumb & Co."]
    assert [_field_values(m.organization) for m in memberships] == [_field_values(m.organization) for m in expected]
    assert [_field_values(m) for m in memberships] == [_field_values(m) for m in expected]
    assert membership_list_for_user(user=personas.dan) == []
