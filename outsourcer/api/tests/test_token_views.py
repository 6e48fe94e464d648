from django.urls import reverse

from outsourcer.accounts.models import ApiToken
from outsourcer.accounts.services import api_token_create
from outsourcer.testing.fixtures import ApiClient


def test_it_lists_my_live_tokens_only(personas, login_as):
    api_token_create(user=personas.alice, name="Bookkeeping export", organization=personas.org)
    revoked, _ = api_token_create(user=personas.alice, name="Old script", organization=personas.org)
    revoked.revoked_at = revoked.created_at
    revoked.save(update_fields=["revoked_at"])
    api_token_create(user=personas.bob, name="Bob's sync", organization=personas.org)

    response = login_as(personas.alice).get(reverse("accounts:tokens"))

    assert response.status_code == 200
    assert b"Bookkeeping export" in response.content
    assert b"Old script" not in response.content
    assert b"Bob&#x27;s sync" not in response.content and b"Bob's sync" not in response.content
    assert b"Never" in response.content


def test_it_offers_my_organizations_and_the_portal_only_to_contractors(personas, login_as):
    alice_page = login_as(personas.alice).get(reverse("accounts:tokens"))
    carol_page = login_as(personas.carol).get(reverse("accounts:tokens"))

    assert [value for value, _ in alice_page.context["form"].fields["scope"].choices] == [f"org:{personas.org.pk}"]
    assert [value for value, _ in carol_page.context["form"].fields["scope"].choices] == ["portal"]


def test_it_shows_a_new_token_once_and_stores_only_its_digest(personas, login_as):
    client = login_as(personas.alice)

    response = client.post(reverse("accounts:token-create"), {"name": "Sheet", "scope": f"org:{personas.org.pk}"})

    assert response.status_code == 200
    raw = response.context["new_token"]
    assert raw.startswith("osr_") and raw.encode() in response.content
    assert "no-store" in response.headers["Cache-Control"]
    token = ApiToken.objects.get(user=personas.alice, name="Sheet")
    assert token.organization == personas.org
    assert raw not in (token.digest, token.prefix)
    assert raw.encode() not in client.get(reverse("accounts:tokens")).content
    assert ApiClient(raw).get("/contractors").status_code == 200


def test_it_creates_a_portal_token_for_a_contractor(personas, login_as):
    response = login_as(personas.carol).post(reverse("accounts:token-create"), {"name": "Calendar", "scope": "portal"})

    token = ApiToken.objects.get(user=personas.carol)
    assert token.organization is None
    assert ApiClient(response.context["new_token"]).get("/portal/profile").status_code == 200


def test_it_refuses_a_scope_that_is_not_mine(personas, login_as):
    for user, scope in ((personas.oscar, f"org:{personas.org.pk}"), (personas.alice, "portal")):
        response = login_as(user).post(reverse("accounts:token-create"), {"name": "Sneaky", "scope": scope})

        assert response.status_code == 200
        assert "scope" in response.context["form"].errors
        assert not response.context["new_token"]
    assert not ApiToken.objects.exists()


def test_it_keeps_what_was_typed_when_the_name_is_bad(personas, login_as):
    response = login_as(personas.alice).post(
        reverse("accounts:token-create"), {"name": "Sheet\x00", "scope": f"org:{personas.org.pk}"}
    )

    assert "name" in response.context["form"].errors
    assert response.context["form"]["scope"].value() == f"org:{personas.org.pk}"
    assert not ApiToken.objects.exists()


def test_it_revokes_my_token(personas, login_as):
    token, raw = api_token_create(user=personas.alice, name="Sheet", organization=personas.org)

    response = login_as(personas.alice).post(reverse("accounts:token-revoke", args=[token.pk]))

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert ApiClient(raw).get("/me").status_code == 401


def test_it_answers_404_when_revoking_someone_elses_token(personas, login_as):
    token, raw = api_token_create(user=personas.alice, name="Sheet", organization=personas.org)

    response = login_as(personas.bob).post(reverse("accounts:token-revoke", args=[token.pk]))

    assert response.status_code == 404
    assert ApiClient(raw).get("/me").status_code == 200


def test_it_rejects_get_on_create_and_revoke(personas, login_as):
    token, _ = api_token_create(user=personas.alice, name="Sheet", organization=personas.org)
    client = login_as(personas.alice)

    assert client.get(reverse("accounts:token-create")).status_code == 405
    assert client.get(reverse("accounts:token-revoke", args=[token.pk])).status_code == 405


def test_it_sends_anonymous_visitors_to_log_in(db, client):
    response = client.get(reverse("accounts:tokens"))

    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("accounts:login"))
