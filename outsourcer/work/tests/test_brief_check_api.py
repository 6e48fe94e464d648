"""POST /api/v1/briefs/check: the findings for a brief, by contractor id or by hand; saves nothing."""

import pytest

from outsourcer.audit.models import Event
from outsourcer.testing.factories import ContractorFactory, EngagementFactory

BRIEF = {
    "title": "Spring menu photos",
    "goal": "Show the new spring menu so that more guests book a table for the Easter weekend.",
    "deliverables": "12 photos of the spring dishes, JPEG, 2000 px wide, in natural light.",
    "acceptance_criteria": ["Every dish on the menu is in at least one photo"],
    "deadline": "2025-03-21T17:00:00+01:00",
    "estimate_hours": 8,
    "point_of_contact": "Alice",
    "rate_basis": "Hourly at the contract's rate",
    "send_at": "2025-03-17T09:00:00+01:00",
}
BY_HAND = {
    "time_zone": "Europe/Berlin",
    "working_hours": {d: ["09:00", "17:00"] for d in ("mon", "tue", "wed", "thu", "fri")},
}


def codes(response) -> list[str]:
    return [finding["code"] for finding in response.json()["findings"]]


@pytest.fixture
def carol_in_berlin(personas):
    contractor = personas.carol_contractor
    contractor.time_zone = "Europe/Berlin"
    contractor.working_hours = BY_HAND["working_hours"]
    contractor.save()
    personas.carol_engagement.weekly_capacity_minutes = 40 * 60
    personas.carol_engagement.save()
    return contractor


def test_it_answers_no_findings_for_a_clear_brief(api_as, personas, carol_in_berlin):
    response = api_as(personas.alice).post("/briefs/check", {**BRIEF, "contractor_id": carol_in_berlin.pk})

    assert response.status_code == 200
    assert response.json() == {"findings": []}


def test_it_reads_the_contractors_hours_and_the_engagements_capacity(api_as, personas, carol_in_berlin):
    personas.carol_engagement.weekly_capacity_minutes = 4 * 60
    personas.carol_engagement.save()
    body = {**BRIEF, "contractor_id": carol_in_berlin.pk, "deadline": "2025-03-22T02:00:00+01:00"}

    response = api_as(personas.bob).post("/briefs/check", body)

    assert codes(response) == ["lead_time_too_short", "deadline_outside_working_hours"]
    outside = response.json()["findings"][1]
    assert set(outside) == {"code", "message", "suggestion"}
    assert "Sat 02:00 for Carol Contractor" in outside["message"]


def test_it_takes_a_contractor_described_by_hand(api_as, personas):
    body = {**BRIEF, **BY_HAND, "weekly_capacity_hours": 2.5, "goal": "Photos ASAP."}

    response = api_as(personas.vera).post("/briefs/check", body)

    assert response.status_code == 200
    assert codes(response) == ["lead_time_too_short", "vague_language"]
    assert "2 h 30 min of a 40 h working week" in response.json()["findings"][0]["message"]


def test_the_defaults_are_nine_to_five_all_of_it_and_now(api_as, personas, frozen):
    body = {key: value for key, value in BRIEF.items() if key != "send_at"} | {"time_zone": "Europe/Berlin"}
    body["deadline"] = "2025-03-17T17:00:00+01:00"  # builders' NOW is Monday 17 March 2025, 10:00 UTC

    response = api_as(personas.alice).post("/briefs/check", body)

    assert codes(response) == ["lead_time_too_short"]
    assert "Carol" not in response.json()["findings"][0]["message"]
    assert (
        "the contractor works 6 h between sending (Mon 11:00 for the contractor)"
        in (response.json()["findings"][0]["message"])
    )


def test_a_scheduled_brief_is_judged_from_when_it_is_sent(api_as, personas):
    body = {**BRIEF, **BY_HAND, "send_at": "2025-03-24T09:00:00+01:00"}

    assert codes(api_as(personas.alice).post("/briefs/check", body)) == ["deadline_in_past"]


def test_it_saves_nothing(api_as, personas, carol_in_berlin, django_assert_max_num_queries):
    client = api_as(personas.alice)
    before = Event.objects.count()

    with django_assert_max_num_queries(6):
        client.post("/briefs/check", {**BRIEF, "contractor_id": carol_in_berlin.pk})

    assert Event.objects.count() == before


def test_a_contractor_the_organization_does_not_engage_is_404(api_as, personas):
    stranger = ContractorFactory(name="Stranger")

    for contractor_id in (personas.dan_contractor.pk, stranger.pk, 10**12):
        response = api_as(personas.alice).post("/briefs/check", {**BRIEF, "contractor_id": contractor_id})
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"


def test_oscar_checks_against_his_own_contractors_only(api_as, personas):
    EngagementFactory(organization=personas.other_org, contractor=personas.carol_contractor)

    assert (
        api_as(personas.oscar).post("/briefs/check", {**BRIEF, "contractor_id": personas.dan_contractor.pk}).status_code
        == 200
    )
    assert (
        api_as(personas.oscar)
        .post("/briefs/check", {**BRIEF, "contractor_id": personas.carol_contractor.pk})
        .status_code
        == 200
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"time_zone": "Europe/Berlin", "working_hours": {"mon": ["17:00", "09:00"]}}, "working_hours"),
        ({"time_zone": "Europe/Berlin", "working_hours": {"mon": ["09:00"]}}, "working_hours"),
        ({"time_zone": "Europe/Berlin", "working_hours": {"mon": ["25:00", "26:00"]}}, "working_hours"),
        ({"time_zone": "Europe/Berlin", "working_hours": {"someday": ["09:00", "17:00"]}}, "working_hours.someday"),
        ({"time_zone": "Europe/Berlin", "weekly_capacity_hours": 169}, "weekly_capacity_hours"),
        ({"time_zone": "Europe/Berlin", "weekly_capacity_hours": 1.234}, "weekly_capacity_hours"),
        ({"time_zone": "Europe/Berlin", "estimate_hours": -1}, "estimate_hours"),
        ({"time_zone": "Europe/Berlin", "estimate_hours": "NaN"}, "estimate_hours"),
        ({"time_zone": "Europe/Berlin", "goal": "Photos\x00"}, "goal"),
        ({"time_zone": "Europe/Berlin", "acceptance_criteria": ["ok", "bad\x00"]}, "acceptance_criteria.1"),
        ({"time_zone": "Europe/Berlin", "deadline": "2025-03-21T17:00:00"}, "deadline"),
        ({"time_zone": "Europe/Berlin", "deadline": "9999-03-21T17:00:00+00:00"}, "deadline"),
        ({"time_zone": "Europe/Berlin", "send_at": "yesterday"}, "send_at"),
        ({"time_zone": "Europe/Berlin", "contractor_id": 1}, "contractor_id"),
        ({}, "contractor_id"),
        ({"working_hours": {"mon": ["09:00", "17:00"]}}, "contractor_id"),
        ({"contractor_id": 0}, "contractor_id"),
    ],
)
def test_bad_input_is_422_with_the_field(api_as, personas, body, field):
    base = {key: value for key, value in BRIEF.items() if key not in body}

    response = api_as(personas.alice).post("/briefs/check", {**base, **body})

    assert response.status_code == 422, response.content
    assert field in response.json()["errors"], response.json()


@pytest.mark.parametrize(
    "moment",
    [
        "9999-12-31T00:00:00Z",
        "0001-01-01T00:00:00+14:00",
        "1999-12-31T23:00:00Z",
        "2100-01-01T00:00:00Z",
        "2025-02-30T10:00:00+01:00",
        "2025-03-21T25:00:00+01:00",
        "2025-03-21T10:00:00+25:00",
        "99999999999999999999",
        "x",
    ],
)
def test_moments_out_of_range_or_malformed_are_422(api_as, personas, moment):
    client = api_as(personas.alice)

    for field in ("deadline", "send_at"):
        response = client.post("/briefs/check", {**BRIEF, **BY_HAND, field: moment})
        assert response.status_code == 422, (field, moment, response.content)
        assert field in response.json()["errors"]


def test_the_far_edges_of_the_range_are_answered(api_as, personas):
    body = {**BRIEF, **BY_HAND, "send_at": "2000-01-01T00:00:00+14:00", "deadline": "2099-12-31T23:59:59-12:00"}

    response = api_as(personas.alice).post(
        "/briefs/check", {**body, "estimate_hours": 10000, "weekly_capacity_hours": 0.01}
    )

    # 11:59 UTC on Friday 1 January 2100 is 12:59 in Berlin: inside the working hours.
    assert codes(response) == ["lead_time_too_short"]


def test_unreadable_json_is_400(api_as, personas):
    client = api_as(personas.alice)
    response = client.client.post(
        "/api/v1/briefs/check", data="{", content_type="application/json", headers=client.headers
    )

    assert response.status_code == 400


@pytest.mark.parametrize(
    ("who", "portal", "status"),
    [("alice", False, 200), ("bob", False, 200), ("vera", False, 200), ("carol", True, 404), (None, False, 401)],
)
def test_every_member_may_ask_and_nobody_else(api_as, personas, who, portal, status):
    user = personas.by_name(who) if who else None

    response = api_as(user, portal=portal).post("/briefs/check", {**BRIEF, **BY_HAND})

    assert response.status_code == status


def test_get_is_405(api_as, personas):
    assert api_as(personas.alice).get("/briefs/check").status_code == 405


def test_the_openapi_document_lists_the_answers(client):
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/briefs/check"]["post"]

    assert set(operation["responses"]) >= {"200", "400", "401", "403", "404", "422"}
    assert operation["operationId"] == "brief_findings_get"
