import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outsourcer.accounts import services
from outsourcer.testing.factories import MembershipFactory

URL = reverse("orgs:members", args=["crumb"])

pytestmark = pytest.mark.django_db


def _emails(response) -> list[str]:
    return [m.user.email for m in response.context["page"].object_list]


def test_it_lists_the_members(login_as, personas):
    response = login_as(personas.vera).get(URL)

    assert response.status_code == 200
    assert _emails(response) == ["alice@crumb.example", "bob@crumb.example", "vera@crumb.example"]
    assert b"oscar@" not in response.content


def test_it_finds_members_by_name_or_e_mail(login_as, personas):
    client = login_as(personas.alice)
    assert _emails(client.get(URL, {"q": "manager"})) == ["bob@crumb.example"]
    assert _emails(client.get(URL, {"q": "VERA@"})) == ["vera@crumb.example"]
    assert _emails(client.get(URL, {"role": "owner"})) == ["alice@crumb.example"]


def test_it_offers_a_way_back_when_nothing_matches(login_as, personas):
    response = login_as(personas.alice).get(URL, {"q": "nobody"})
    assert b"No member matches this search" in response.content


@pytest.mark.parametrize("query", [{"role": "admin"}, {"q": "a\x00b"}, {"page": "last-but-one"}])
def test_it_ignores_a_filter_it_cannot_use(login_as, personas, query):
    response = login_as(personas.alice).get(URL, query)
    assert response.status_code == 200
    assert len(_emails(response)) == 3


def test_it_pages_long_lists(login_as, personas):
    MembershipFactory.create_batch(30, organization=personas.org, role="viewer")
    client = login_as(personas.alice)

    first, second = client.get(URL), client.get(URL, {"page": 2})

    assert len(_emails(first)) == 25
    assert len(_emails(second)) == 8
    assert b'href="?page=2"' in first.content


def test_it_shows_owners_the_invitations_and_the_invite_form(login_as, personas):
    services.member_invite(
        organization=personas.org, invited_by=personas.alice, email="nora@crumb.example", role="viewer"
    )

    response = login_as(personas.alice).get(URL)

    assert b"nora@crumb.example" in response.content
    assert reverse("orgs:member-invite", args=["crumb"]).encode() in response.content


@pytest.mark.parametrize("persona", ["bob", "vera"])
def test_it_shows_others_a_read_only_list(login_as, personas, persona):
    services.member_invite(
        organization=personas.org, invited_by=personas.alice, email="nora@crumb.example", role="viewer"
    )

    response = login_as(getattr(personas, persona)).get(URL)

    assert b"nora@crumb.example" not in response.content
    assert b"/role/" not in response.content
    assert b"/remove/" not in response.content
    assert reverse("orgs:member-invite", args=["crumb"]).encode() not in response.content


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def test_its_query_count_does_not_grow_with_the_members(login_as, personas):
    client = login_as(personas.alice)
    client.get(URL)  # the first visit also stores the current organization in the session
    few = _queries(client, URL)

    MembershipFactory.create_batch(20, organization=personas.org, role="viewer")
    for n in range(5):
        services.member_invite(
            organization=personas.org, invited_by=personas.alice, email=f"p{n}@crumb.example", role="viewer"
        )

    assert _queries(client, URL) == few <= 14


def test_it_hides_another_organization(login_as, personas):
    assert login_as(personas.oscar).get(URL).status_code == 404
