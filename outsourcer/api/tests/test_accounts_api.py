from outsourcer.accounts.models import Membership
from outsourcer.testing.factories import MembershipFactory, OrganizationFactory


def test_me_describes_the_caller_and_their_role(personas, api_as):
    body = api_as(personas.bob).get("/me").json()

    assert body["email"] == "bob@crumb.example"
    assert body["time_zone"] == "Europe/Berlin"
    assert body["is_contractor"] is False
    assert [(o["slug"], o["role"]) for o in body["organizations"]] == [("crumb", "manager")]


def test_me_tells_a_contractor_they_are_one(personas, api_as):
    body = api_as(personas.carol, portal=True).get("/me").json()

    assert body["is_contractor"] is True
    assert body["time_zone"] == "Europe/Lisbon"
    assert body["organizations"] == []
    assert body["scope"] == {"kind": "portal", "organization": None}


def test_a_token_shows_only_the_organization_it_is_for(personas, api_as):
    second = OrganizationFactory(name="Alice's second shop", slug="second")
    MembershipFactory(organization=second, user=personas.alice, role="owner")

    scoped = api_as(personas.alice).get("/organizations").json()

    assert scoped == {"count": 1, "next": None, "items": [{
        "id": personas.org.pk, "slug": "crumb", "name": "Crumb & Co.", "currency": "EUR",
        "time_zone": "Europe/Berlin", "role": "owner",
    }]}  # fmt: skip


def test_a_session_lists_all_my_organizations(personas, login_as):
    second = OrganizationFactory(name="Alice's second shop", slug="second")
    MembershipFactory(organization=second, user=personas.alice, role="viewer")

    body = login_as(personas.alice).get("/api/v1/organizations").json()

    assert body["count"] == 2
    assert {(o["slug"], o["role"]) for o in body["items"]} == {("crumb", "owner"), ("second", "viewer")}


def test_members_lists_the_token_organizations_members(personas, api_as):
    body = api_as(personas.vera).get("/members").json()

    assert body["count"] == 3
    assert [(m["email"], m["role"]) for m in body["items"]] == [
        ("alice@crumb.example", "owner"), ("bob@crumb.example", "manager"), ("vera@crumb.example", "viewer"),
    ]  # fmt: skip
    assert body["items"][0]["id"] == Membership.objects.get(user=personas.alice).pk


def test_members_pages_with_limit_and_offset(personas, api_as):
    body = api_as(personas.alice).get("/members", limit=1, offset=1).json()

    assert body["count"] == 3
    assert [m["email"] for m in body["items"]] == ["bob@crumb.example"]


def test_members_rejects_a_limit_outside_1_to_100(personas, api_as):
    alice = api_as(personas.alice)

    for limit in (0, 101, "many"):
        response = alice.get("/members", limit=limit)
        assert response.status_code == 422
        assert "limit" in response.json()["errors"]
