from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outsourcer.audit.models import Event
from outsourcer.contractors import services
from outsourcer.contractors.models import Contractor, Engagement, EngagementStatus
from outsourcer.testing.factories import ContractorFactory, EngagementFactory


@pytest.fixture
def prospect(personas):
    """A contractor record without an account: the organization still owns its profile."""
    contractor = ContractorFactory(name="Pia Prospect", skills="copywriting, seo", created_by_organization=personas.org)
    return EngagementFactory(organization=personas.org, contractor=contractor, status=EngagementStatus.PROSPECT)


# --- GET /contractors -----------------------------------------------------------------------------


def test_list_shows_the_organizations_contractors_only(personas, prospect, api_as):
    body = api_as(personas.vera).get("/contractors").json()

    assert body["count"] == 2
    assert [item["contractor"]["name"] for item in body["items"]] == ["Carol Contractor", "Pia Prospect"]
    carol = body["items"][0]
    assert carol["id"] == personas.carol_engagement.pk
    assert carol["notes"] == "Great with light."
    assert carol["contractor"]["default_rate_cents"] == 6000
    assert carol["contractor"]["currency"] == "EUR"
    assert carol["contractor"]["weekly_capacity_minutes"] == 30 * 60
    assert carol["engagement_capacity_minutes"] == 10 * 60


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({"search": "pia"}, ["Pia Prospect"]),
        ({"skill": "seo"}, ["Pia Prospect"]),
        ({"skill": "photo"}, []),
        ({"status": "active"}, ["Carol Contractor"]),
        ({"search": "carol", "status": "prospect"}, []),
    ],
)
def test_list_filters(personas, prospect, api_as, params, names):
    body = api_as(personas.alice).get("/contractors", **params).json()

    assert [item["contractor"]["name"] for item in body["items"]] == names


def test_list_rejects_an_unknown_status_and_nul_in_search(personas, api_as):
    alice = api_as(personas.alice)

    assert alice.get("/contractors", status="hired").status_code == 422
    response = alice.get("/contractors", search="a\x00b")
    assert response.status_code == 422
    assert response.json()["errors"] == {"search": "Contains a character that is not allowed."}


def test_list_needs_the_same_number_of_queries_for_10_and_200_contractors(personas, api_as):
    alice = api_as(personas.alice)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert alice.get("/contractors", limit=100).status_code == 200
        return len(captured)

    # The token's first use records "last used" (at most once a minute); compare warm requests.
    alice.get("/me")
    EngagementFactory.create_batch(9, organization=personas.org)
    ten = queries()
    EngagementFactory.create_batch(190, organization=personas.org)
    two_hundred = queries()

    assert ten == two_hundred


# --- POST /contractors ----------------------------------------------------------------------------


def test_create_adds_a_prospect_with_the_organizations_defaults(personas, api_as):
    response = api_as(personas.bob).post(
        "/contractors",
        {"name": "Pia Prospect", "email": "Pia@Example.com", "skills": ["SEO", "copywriting"],
         "weekly_capacity_minutes": 20 * 60, "default_rate_cents": 5500, "notes": "Met at the fair."},
    )  # fmt: skip

    assert response.status_code == 201
    body = response.json()
    engagement = Engagement.objects.select_related("contractor").get(pk=body["id"])
    assert engagement.organization == personas.org
    assert engagement.status == "prospect"
    assert engagement.notes == "Met at the fair."
    assert engagement.contractor.email == "pia@example.com"
    assert engagement.contractor.skills == "seo, copywriting"
    assert (engagement.contractor.time_zone, engagement.contractor.currency) == ("Europe/Berlin", "EUR")
    assert body["contractor"]["skills"] == ["seo", "copywriting"]
    assert Event.objects.filter(action="contractor_added", organization=personas.org, actor=personas.bob).exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "Pia\x00"}, "name"),
        ({"name": ""}, "name"),
        ({}, "name"),
        ({"name": "Pia", "time_zone": "Mars/Olympus"}, "time_zone"),
        ({"name": "Pia", "weekly_capacity_minutes": 168 * 60 + 1}, "weekly_capacity_minutes"),
        ({"name": "Pia", "weekly_capacity_minutes": -1}, "weekly_capacity_minutes"),
        ({"name": "Pia", "engagement_capacity_minutes": 20000}, "engagement_capacity_minutes"),
        ({"name": "Pia", "default_rate_cents": -100}, "default_rate_cents"),
        ({"name": "Pia", "currency": "eur"}, "currency"),
        ({"name": "Pia", "currency": "XYZ"}, "currency"),
        ({"name": "Pia", "email": "not-an-address"}, "email"),
        ({"name": "Pia", "working_hours": {"mon": ["17:00", "09:00"]}}, "working_hours"),
        ({"name": "Pia", "working_hours": {"someday": ["09:00", "17:00"]}}, "working_hours.someday"),
        ({"name": "Pia", "volume_tiers": [{"min_hours": 0, "rate_cents": 10}]}, "volume_tiers.0.min_hours"),
        ({"name": "Pia", "status": "hired"}, "status"),
    ],
)
def test_create_rejects_bad_input_with_the_field_named(personas, api_as, body, field):
    response = api_as(personas.alice).post("/contractors", body)

    assert response.status_code == 422
    assert field in response.json()["errors"]
    assert not Contractor.objects.filter(name__startswith="Pia").exists()


def test_create_is_refused_to_viewers(personas, api_as):
    response = api_as(personas.vera).post("/contractors", {"name": "Pia"})

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert not Contractor.objects.filter(name="Pia").exists()


# --- GET /contractors/{id} ------------------------------------------------------------------------


def test_detail_shows_one_engagement(personas, api_as):
    response = api_as(personas.vera).get(f"/contractors/{personas.carol_engagement.pk}")

    assert response.status_code == 200
    assert response.json()["contractor"]["has_account"] is True


def test_detail_answers_404_for_another_organizations_engagement(personas, api_as):
    response = api_as(personas.alice).get(f"/contractors/{personas.dan_engagement.pk}")

    assert response.status_code == 404
    assert "Oscar" not in response.content.decode()


def test_detail_rejects_ids_that_are_not_positive_integers(personas, api_as):
    alice = api_as(personas.alice)

    for engagement_id in ("abc", "0", "-1", str(2**64)):
        assert alice.get(f"/contractors/{engagement_id}").status_code == 422


# --- PATCH /contractors/{id} ----------------------------------------------------------------------


def test_update_changes_the_prospects_profile_and_notes(personas, prospect, api_as):
    response = api_as(personas.bob).patch(
        f"/contractors/{prospect.pk}", {"company": "Pia Words Ltd", "default_rate_cents": 7000, "notes": "Fast."}
    )

    assert response.status_code == 200
    prospect.refresh_from_db()
    prospect.contractor.refresh_from_db()
    assert (prospect.contractor.company, prospect.contractor.default_rate_cents) == ("Pia Words Ltd", 7000)
    assert prospect.notes == "Fast."
    assert prospect.contractor.name == "Pia Prospect"  # left out, left alone
    assert Event.objects.filter(action="contractor_updated", actor=personas.bob).exists()


def test_update_leaves_a_contractor_with_an_account_in_charge_of_their_profile(personas, api_as):
    response = api_as(personas.alice).patch(f"/contractors/{personas.carol_engagement.pk}", {"name": "Caroline"})

    assert response.status_code == 400
    assert response.json()["code"] == "profile_owned_by_contractor"
    personas.carol_contractor.refresh_from_db()
    assert personas.carol_contractor.name == "Carol Contractor"


def test_update_sets_notes_and_capacity_on_any_engagement(personas, api_as):
    response = api_as(personas.alice).patch(
        f"/contractors/{personas.carol_engagement.pk}", {"notes": "Mornings only.", "engagement_capacity_minutes": 300}
    )

    assert response.status_code == 200
    assert (response.json()["notes"], response.json()["engagement_capacity_minutes"]) == ("Mornings only.", 300)


@pytest.mark.parametrize(
    "body",
    [{"notes": "x\x00"}, {"engagement_capacity_minutes": 10081}, {"default_rate_cents": -1}, {"currency": "EURO"}],
)
def test_update_rejects_bad_input(personas, prospect, api_as, body):
    response = api_as(personas.alice).patch(f"/contractors/{prospect.pk}", body)

    assert response.status_code == 422
    assert set(body) <= set(response.json()["errors"])


def test_update_is_refused_to_viewers_and_other_organizations(personas, api_as):
    url = f"/contractors/{personas.carol_engagement.pk}"

    assert api_as(personas.vera).patch(url, {"notes": "x"}).status_code == 403
    assert api_as(personas.oscar).patch(url, {"notes": "x"}).status_code == 404
    personas.carol_engagement.refresh_from_db()
    assert personas.carol_engagement.notes == "Great with light."


# --- POST /contractors/{id}/status ----------------------------------------------------------------


def test_status_change_moves_the_engagement(personas, api_as):
    response = api_as(personas.bob).post(f"/contractors/{personas.carol_engagement.pk}/status", {"status": "paused"})

    assert response.status_code == 200
    assert response.json()["status"] == "paused"
    assert Event.objects.filter(action="engagement_status_changed", after={"status": "paused"}).exists()


def test_status_change_refuses_an_illegal_move(personas, api_as):
    response = api_as(personas.bob).post(f"/contractors/{personas.carol_engagement.pk}/status", {"status": "vetting"})

    assert response.status_code == 400
    assert response.json()["code"] == "illegal_transition"
    assert "status" in response.json()["errors"]


def test_status_change_rejects_an_unknown_status(personas, api_as):
    response = api_as(personas.bob).post(f"/contractors/{personas.carol_engagement.pk}/status", {"status": "hired"})

    assert response.status_code == 422


def test_status_change_is_refused_to_viewers_and_other_organizations(personas, api_as):
    url = f"/contractors/{personas.carol_engagement.pk}/status"

    assert api_as(personas.vera).post(url, {"status": "paused"}).status_code == 403
    assert api_as(personas.oscar).post(url, {"status": "paused"}).status_code == 404
    personas.carol_engagement.refresh_from_db()
    assert personas.carol_engagement.status == "active"


# --- one mutation, two doors ----------------------------------------------------------------------


def test_the_page_and_the_api_change_status_through_the_same_service(personas, api_as, login_as):
    engagement = personas.carol_engagement
    with mock.patch.object(services, "engagement_status_change", wraps=services.engagement_status_change) as spy:
        api_as(personas.alice).post(f"/contractors/{engagement.pk}/status", {"status": "paused"})
        login_as(personas.alice).post(
            reverse("contractors:status", args=["crumb", engagement.pk]), {"status": "active"}
        )

    assert spy.call_count == 2
    engagement.refresh_from_db()
    assert engagement.status == "active"
