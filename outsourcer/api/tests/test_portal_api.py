import pytest

from outsourcer.audit.models import Event


def test_profile_shows_the_contractors_own_profile(personas, api_as):
    response = api_as(personas.carol, portal=True).get("/portal/profile")

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == personas.carol_contractor.pk
    assert (body["name"], body["time_zone"]) == ("Carol Contractor", "Europe/Lisbon")
    # The profile is the contractor's; no organization's notes or engagement come with it.
    assert "notes" not in body and "Great with light." not in response.content.decode()


def test_profile_update_changes_hours_capacity_and_rate(personas, api_as):
    response = api_as(personas.carol, portal=True).patch(
        "/portal/profile",
        {"time_zone": "Asia/Tokyo", "working_hours": {"mon": ["10:00", "14:00"], "sat": ["09:00", "12:00"]},
         "weekly_capacity_minutes": 15 * 60, "default_rate_cents": 8000, "currency": "JPY",
         "skills": ["Photo", "video"]},
    )  # fmt: skip

    assert response.status_code == 200
    contractor = personas.carol_contractor
    contractor.refresh_from_db()
    assert contractor.time_zone == "Asia/Tokyo"
    assert contractor.working_hours == {"mon": ["10:00", "14:00"], "sat": ["09:00", "12:00"]}
    assert (contractor.weekly_capacity_minutes, contractor.default_rate_cents) == (900, 8000)
    assert contractor.currency == "JPY"
    assert contractor.skills == "photo, video"
    # Every organization that engages Carol sees the change in its own log.
    assert Event.objects.filter(action="contractor_profile_updated", organization=personas.org).exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"time_zone": "Europe/Atlantis"}, "time_zone"),
        ({"weekly_capacity_minutes": 169 * 60}, "weekly_capacity_minutes"),
        ({"default_rate_cents": -5}, "default_rate_cents"),
        ({"currency": "ABC"}, "currency"),
        ({"name": "Carol\x00"}, "name"),
        ({"working_hours": {"mon": ["9am", "5pm"]}}, "working_hours.mon.0"),
    ],
)
def test_profile_update_rejects_bad_input(personas, api_as, body, field):
    response = api_as(personas.carol, portal=True).patch("/portal/profile", body)

    assert response.status_code == 422
    assert field in response.json()["errors"]
    personas.carol_contractor.refresh_from_db()
    assert personas.carol_contractor.time_zone == "Europe/Lisbon"


def test_profile_cannot_change_the_login_email(personas, api_as):
    api_as(personas.carol, portal=True).patch("/portal/profile", {"email": "evil@example.com", "company": "Studio C"})

    personas.carol_contractor.refresh_from_db()
    assert (personas.carol_contractor.email, personas.carol_contractor.company) == ("carol@studio.example", "Studio C")


def test_profile_is_not_found_for_members_and_anonymous(personas, api_as):
    assert api_as(personas.alice).get("/portal/profile").status_code == 404
    assert api_as(personas.alice).patch("/portal/profile", {"name": "A"}).status_code == 404
    assert api_as(None).get("/portal/profile").status_code == 401


def test_a_contractor_token_cannot_list_contractors(personas, api_as):
    response = api_as(personas.dan, portal=True).get("/contractors")

    assert response.status_code == 404
    assert "Carol" not in response.content.decode()
