from django.test import Client
from django.utils import timezone

from outsourcer.accounts.models import ApiToken, Membership
from outsourcer.accounts.services import api_token_create, api_token_revoke
from outsourcer.testing.fixtures import ApiClient


def test_it_accepts_a_valid_token_and_records_its_use(personas):
    token, raw = api_token_create(user=personas.alice, name="sync", organization=personas.org)

    response = ApiClient(raw).get("/me")

    assert response.status_code == 200
    assert response.json()["email"] == "alice@crumb.example"
    assert response.json()["scope"] == {"kind": "organization", "organization": "crumb"}
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_it_rejects_a_revoked_token(personas):
    token, raw = api_token_create(user=personas.alice, name="sync", organization=personas.org)
    api_token_revoke(token=token, actor=personas.alice)

    response = ApiClient(raw).get("/me")

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_it_rejects_a_token_with_the_wrong_prefix(personas):
    _, raw = api_token_create(user=personas.alice, name="sync", organization=personas.org)

    assert ApiClient("xyz_" + raw[4:]).get("/me").status_code == 401
    assert ApiClient(raw + "x").get("/me").status_code == 401


def test_it_rejects_other_authorization_schemes(personas):
    _, raw = api_token_create(user=personas.alice, name="sync", organization=personas.org)
    client = Client()

    assert client.get("/api/v1/me", headers={"Authorization": f"Token {raw}"}).status_code == 401
    assert client.get("/api/v1/me", headers={"Authorization": "Bearer"}).status_code == 401


def test_it_answers_401_json_to_anonymous_callers(personas):
    for response in (
        ApiClient().get("/me"),
        ApiClient().get("/contractors"),
        ApiClient().post("/contractors", {"name": "Pia"}),
        ApiClient().patch("/portal/profile", {"name": "Pia"}),
    ):
        assert response.status_code == 401
        assert response.json()["code"] == "not_authenticated"


def test_it_never_lets_another_organizations_token_read_this_organization(personas, api_as):
    oscar = api_as(personas.oscar)

    assert oscar.get(f"/contractors/{personas.carol_engagement.pk}").status_code == 404
    listed = oscar.get("/contractors").json()
    assert [item["id"] for item in listed["items"]] == [personas.dan_engagement.pk]
    assert {m["email"] for m in oscar.get("/members").json()["items"]} == {"oscar@oscars.example"}


def test_it_stops_a_token_of_a_removed_member_at_once(personas, api_as):
    bob = api_as(personas.bob)
    assert bob.get("/contractors").status_code == 200

    Membership.objects.filter(user=personas.bob).delete()

    assert bob.get("/contractors").status_code == 404


def test_it_refuses_tokens_of_inactive_accounts(personas):
    _, raw = api_token_create(user=personas.alice, name="sync", organization=personas.org)
    personas.alice.is_active = False
    personas.alice.save(update_fields=["is_active"])

    assert ApiClient(raw).get("/me").status_code == 401


def test_it_keeps_a_portal_token_out_of_organization_operations(personas, api_as):
    carol = api_as(personas.carol, portal=True)

    assert carol.get("/contractors").status_code == 404
    assert carol.post("/contractors", {"name": "Pia"}).status_code == 404
    assert carol.get(f"/contractors/{personas.carol_engagement.pk}").status_code == 404
    assert carol.get("/members").status_code == 404
    assert carol.get("/portal/profile").status_code == 200


def test_it_keeps_an_organization_token_out_of_the_portal(personas):
    # Carol is also a member of an organization: her organization token still cannot act as her portal.
    Membership.objects.create(organization=personas.other_org, user=personas.carol, role="viewer")
    _, raw = api_token_create(user=personas.carol, name="org", organization=personas.other_org)

    assert ApiClient(raw).get("/portal/profile").status_code == 404


def test_it_serves_signed_in_browsers_with_their_current_organization(personas, login_as):
    client = login_as(personas.vera)
    client.get("/o/crumb/")  # opening the organization makes it the current one (a cookie)

    response = client.get("/api/v1/contractors")

    assert response.status_code == 200
    assert response.json()["count"] == 1
    assert client.get("/api/v1/me").json()["scope"] == {"kind": "session", "organization": "crumb"}


def test_it_answers_404_to_a_session_without_a_current_organization(personas, login_as):
    client = login_as(personas.alice)

    assert client.get("/api/v1/contractors").status_code == 404
    assert client.get("/api/v1/me").status_code == 200


def test_it_requires_the_csrf_token_for_session_writes(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.alice, backend="outsourcer.accounts.backends.EmailBackend")
    client.get("/o/crumb/")
    url = f"/api/v1/contractors/{personas.carol_engagement.pk}/status"

    refused = client.post(url, {"status": "paused"}, content_type="application/json")
    client.get("/accounts/tokens/")  # sets the CSRF cookie, as any page does
    accepted = client.post(
        url, {"status": "paused"}, content_type="application/json",
        headers={"X-CSRFToken": client.cookies["csrftoken"].value},
    )  # fmt: skip

    assert refused.status_code == 403
    assert refused.json()["code"] == "csrf_failed"
    assert accepted.status_code == 200


def test_it_needs_no_csrf_token_with_a_bearer_token(personas):
    _, raw = api_token_create(user=personas.alice, name="sync", organization=personas.org)
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        f"/api/v1/contractors/{personas.carol_engagement.pk}/status", {"status": "paused"},
        content_type="application/json", headers={"Authorization": f"Bearer {raw}"},
    )  # fmt: skip

    assert response.status_code == 200


def test_it_stores_only_a_digest_of_the_token(personas):
    token, raw = api_token_create(user=personas.alice, name="sync", organization=personas.org)

    stored = ApiToken.objects.get(pk=token.pk)
    assert raw not in (stored.digest, stored.prefix, stored.name)
    assert raw.startswith(stored.prefix)
    assert stored.created_at <= timezone.now()


def test_last_used_is_written_at_most_once_a_minute(personas, django_assert_num_queries):
    import time_machine
    from django.utils import timezone

    from outsourcer.accounts.services import api_token_authenticate, api_token_create

    token, raw = api_token_create(user=personas.alice, name="script", organization=personas.org)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        first = api_token_authenticate(raw)
        with django_assert_num_queries(1):  # the lookup only, no write
            api_token_authenticate(raw)
        traveller.shift(61)
        later = api_token_authenticate(raw)

    token.refresh_from_db()
    assert later.last_used_at > first.last_used_at
    assert token.last_used_at == later.last_used_at


def test_the_next_user_on_the_same_browser_does_not_inherit_the_current_organization(personas, client):
    client.force_login(personas.vera, backend="outsourcer.accounts.backends.EmailBackend")
    client.get("/o/crumb/")
    client.force_login(personas.oscar, backend="outsourcer.accounts.backends.EmailBackend")

    assert client.get("/api/v1/me").json()["scope"] == {"kind": "session", "organization": None}
