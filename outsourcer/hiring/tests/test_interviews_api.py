"""The interviews API: schedule (201, 409 outside working hours, 422), move, cancel, complete,
scorecards, foreign rows (404), wrong role (403), and the contractor's schedule without scores."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from outsourcer.hiring.models import Interview, InterviewStatus, Scorecard
from outsourcer.testing.hiring import second_bidder

pytestmark = pytest.mark.django_db

TUESDAY_2PM = "2025-03-18T15:00:00+01:00"  # 14:00 UTC, 14:00 in Lisbon
STARTED = datetime(2025, 3, 18, 14, 50, tzinfo=UTC)
SCORES = {"communication": 4, "skill": 5, "reliability": 3, "understanding": 4, "notes": "Clear answers"}


def _new(p, **changes):
    body = {
        "engagement_id": p.carol_engagement.pk,
        "starts_at": TUESDAY_2PM,
        "duration_minutes": 45,
        "location": "https://meet.example/crumb",
        "interviewer_ids": [p.alice.pk, p.bob.pk],
    }
    body.update(changes)
    return body


@pytest.fixture
def created(api_as, personas, frozen):
    response = api_as(personas.alice).post("/interviews", _new(personas))
    assert response.status_code == 201, response.json()
    return response.json()


def test_it_schedules_and_answers_the_interview(created, personas):
    assert created["starts_at"].startswith("2025-03-18T14:00:00")
    assert created["ends_at"].startswith("2025-03-18T14:45:00")
    assert created["status"] == "scheduled" and created["scorecard_count"] == 0 and created["score_average"] is None
    assert {person["id"] for person in created["interviewers"]} == {personas.alice.pk, personas.bob.pk}


def test_outside_working_hours_answers_409_until_given_a_reason(api_as, personas, frozen):
    api = api_as(personas.bob)
    evening = _new(personas, starts_at="2025-03-18T18:30:00+00:00")

    response = api.post("/interviews", evening)
    assert response.status_code == 409
    assert response.json()["code"] == "outside_working_hours"
    assert response.json()["details"]["time_zone"] == "Europe/Lisbon"

    assert api.post("/interviews", {**evening, "override_reason": "Her evening, agreed"}).status_code == 201


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"starts_at": "2025-03-18T15:00:00"}, "starts_at"),  # no offset
        ({"starts_at": "9999-12-31T23:59:59-23:59"}, "starts_at"),
        ({"duration_minutes": 0}, "duration_minutes"),
        ({"interviewer_ids": []}, "interviewer_ids"),
        ({"location": "a\x00b"}, "location"),
    ],
)
def test_bad_input_answers_422_with_the_field(api_as, personas, frozen, changes, field):
    response = api_as(personas.alice).post("/interviews", _new(personas, **changes))
    assert response.status_code == 422
    assert field in response.json()["errors"]
    assert not Interview.objects.exists()


def test_a_viewer_or_an_outsiders_interviewer_is_refused(api_as, personas, frozen):
    response = api_as(personas.alice).post("/interviews", _new(personas, interviewer_ids=[personas.vera.pk]))
    assert (response.status_code, list(response.json()["errors"])) == (422, ["interviewer_ids"])
    assert api_as(personas.vera).post("/interviews", _new(personas)).status_code == 403
    # Oscar cannot reach Alice's contractor.
    assert (
        api_as(personas.oscar).post("/interviews", _new(personas, interviewer_ids=[personas.oscar.pk])).status_code
        == 404
    )


def test_a_prospect_moves_to_vetting(api_as, personas, frozen):
    erin = second_bidder(personas)
    assert api_as(personas.alice).post("/interviews", _new(personas, engagement_id=erin.pk)).status_code == 201
    erin.refresh_from_db()
    assert erin.status == "vetting"


def test_it_moves_cancels_and_completes(api_as, personas, created):
    api = api_as(personas.alice)
    path = f"/interviews/{created['id']}"

    moved = api.patch(path, {"starts_at": "2025-03-19T10:00:00+00:00"})
    assert moved.status_code == 200 and moved.json()["starts_at"].startswith("2025-03-19T10:00:00")
    assert api.post(f"{path}/complete").status_code == 400  # it has not started
    assert api.post(f"{path}/cancel").json()["status"] == "cancelled"
    assert api.post(f"{path}/cancel").status_code == 400
    assert Interview.objects.get().sequence == 2


def test_scorecards_are_submitted_once_per_interviewer_and_listed(api_as, personas, created):
    path = f"/interviews/{created['id']}/scorecards"
    with time_machine.travel(STARTED, tick=False):
        first = api_as(personas.alice).post(path, SCORES)
        again = api_as(personas.alice).post(path, {**SCORES, "skill": 2})
        bobs = api_as(personas.bob).post(path, SCORES)
        assert (first.status_code, again.status_code, bobs.status_code) == (201, 200, 201)
        assert api_as(personas.alice).post(path, {**SCORES, "understanding": 6}).status_code == 422
        assert api_as(personas.vera).post(path, SCORES).status_code == 403

        listed = api_as(personas.vera).get(path).json()
        detail = api_as(personas.vera).get(f"/interviews/{created['id']}").json()
    assert [card["skill"] for card in listed] == [2, 5]
    assert detail["scorecard_count"] == 2
    assert detail["score_average"] == round((4 + 2 + 3 + 4 + 4 + 5 + 3 + 4) / 8, 2)


def test_another_organizations_interview_is_a_404(api_as, personas, created):
    api = api_as(personas.oscar)
    for call in (
        lambda: api.get(f"/interviews/{created['id']}"),
        lambda: api.patch(f"/interviews/{created['id']}", {"location": "x"}),
        lambda: api.post(f"/interviews/{created['id']}/cancel"),
        lambda: api.get(f"/interviews/{created['id']}/scorecards"),
    ):
        assert call().status_code == 404
    assert api.get("/interviews").json()["items"] == []


def test_the_list_filters_and_orders_upcoming_first(api_as, personas, created):
    api = api_as(personas.alice)
    later = api.post("/interviews", _new(personas, starts_at="2025-03-20T10:00:00+00:00")).json()
    items = api.get("/interviews").json()["items"]
    assert [item["id"] for item in items] == [created["id"], later["id"]]
    assert api.get("/interviews", status="cancelled").json()["items"] == []
    assert len(api.get("/interviews", engagement_id=personas.carol_engagement.pk).json()["items"]) == 2
    assert api.get("/interviews", engagement_id=personas.dan_engagement.pk).status_code == 404


def test_the_contractor_reads_their_schedule_and_never_the_scores(api_as, personas, created):
    interview = Interview.objects.get(pk=created["id"])
    Scorecard.objects.create(
        organization=personas.org, interview=interview, interviewer=personas.alice, communication=1, skill=1,
        reliability=1, understanding=1, notes="SECRET",
    )  # fmt: skip
    carol = api_as(personas.carol, portal=True)

    listed = carol.get("/portal/interviews").json()["items"]
    detail = carol.get(f"/portal/interviews/{created['id']}").json()

    assert [item["id"] for item in listed] == [created["id"]]
    assert detail["organization_name"] == "Crumb & Co." and detail["status"] == InterviewStatus.SCHEDULED
    for body in (listed[0], detail):
        assert not {"scorecard_count", "score_average", "interviewers", "scorecards", "notes"} & set(body)
        assert "SECRET" not in str(body)
    assert api_as(personas.dan, portal=True).get(f"/portal/interviews/{created['id']}").status_code == 404
    assert carol.get(f"/interviews/{created['id']}").status_code == 404
    assert STARTED - timedelta(minutes=50) == datetime.fromisoformat(detail["starts_at"])
