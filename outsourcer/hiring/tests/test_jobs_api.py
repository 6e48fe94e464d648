from datetime import timedelta

import pytest

from outsourcer.hiring.models import Job, JobInvitation, JobStatus
from outsourcer.hiring.selectors import job_for_share_token
from outsourcer.testing.builders import NOW, make_budget
from outsourcer.testing.hiring import insert_job, second_bidder

pytestmark = pytest.mark.django_db

DUE = (NOW + timedelta(days=7)).isoformat()


@pytest.fixture
def budget(personas, frozen):
    return make_budget(personas, name="Photos", amount_cents=1_000_000)


def _new(budget, **extra):
    return {
        "budget_id": budget.pk,
        "title": "Spring menu photos",
        "goal": "Sell more pastries online.",
        "deliverables": "30 photos",
        "skills": ["Photography", "editing"],
        "expected_min_cents": 150_000,
        "expected_max_cents": 300_000,
        "bids_due_at": DUE,
        **extra,
    }


def test_it_creates_a_draft_job(api_as, personas, budget):
    response = api_as(personas.bob).post("/jobs", _new(budget))

    body = response.json()
    assert response.status_code == 201
    assert (body["status"], body["skills"], body["currency"], body["budget_name"]) == (
        "draft",
        ["photography", "editing"],
        "EUR",
        "Photos",
    )
    assert Job.objects.get().bids_due_at == NOW + timedelta(days=7)


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"expected_min_cents": 300_000, "expected_max_cents": 100_000}, "expected_max_cents"),
        ({"bids_due_at": "2025-03-24T17:00:00"}, "bids_due_at"),  # no offset: whose 17:00?
        ({"bids_due_at": "1999-03-24T17:00:00Z"}, "bids_due_at"),
        ({"title": "bad\u0000"}, "title"),
        ({"rate_model": "barter"}, "rate_model"),
    ],
)
def test_a_wrong_field_answers_422_naming_it(api_as, personas, budget, extra, field):
    response = api_as(personas.bob).post("/jobs", _new(budget, **extra))

    assert response.status_code == 422
    assert field in response.json()["errors"]
    assert not Job.objects.exists()


def test_a_budget_of_another_organization_is_not_found(api_as, personas, budget):
    foreign = make_budget(personas, organization=personas.other_org, name="Oscar's")

    assert api_as(personas.bob).post("/jobs", _new(foreign)).status_code == 404


def test_a_viewer_reads_but_does_not_write(api_as, personas, budget):
    job = insert_job(personas, budget=budget)
    vera = api_as(personas.vera)

    assert vera.get(f"/jobs/{job.pk}").status_code == 200
    assert vera.post("/jobs", _new(budget)).status_code == 403
    assert vera.patch(f"/jobs/{job.pk}", {"title": "Mine"}).status_code == 403


def test_another_organizations_job_is_not_found(api_as, personas, budget):
    job = insert_job(personas, budget=budget)

    assert api_as(personas.oscar).get(f"/jobs/{job.pk}").status_code == 404
    assert api_as(personas.oscar).post(f"/jobs/{job.pk}/status", {"status": "closed"}).status_code == 404


def test_the_list_pages_by_cursor_and_filters_by_status(api_as, personas, budget):
    for i in range(3):
        insert_job(personas, budget=budget, title=f"Open {i}")
    insert_job(personas, budget=budget, title="Closed", status=JobStatus.CLOSED)
    api = api_as(personas.vera)

    first = api.get("/jobs", limit=2).json()
    second = api.get("/jobs", limit=2, cursor=first["next"]).json()
    closed = api.get("/jobs", status="closed").json()

    assert first["count"] == 4 and len(first["items"]) == 2
    assert len(second["items"]) == 2 and second["next"] is None
    assert {j["id"] for j in first["items"]}.isdisjoint({j["id"] for j in second["items"]})
    assert [j["title"] for j in closed["items"]] == ["Closed"]
    assert {"invitation_count", "bid_count"} <= set(first["items"][0])


def test_patch_changes_only_what_is_sent_and_null_clears(api_as, personas, budget):

    job = insert_job(personas, budget=budget, status=JobStatus.DRAFT, rate_model="hourly")

    response = api_as(personas.bob).patch(
        f"/jobs/{job.pk}", {"title": "Summer photos", "deadline_on": None, "rate_model": None}
    )

    job.refresh_from_db()
    assert response.status_code == 200
    assert (job.title, job.deadline_on, job.goal) == ("Summer photos", None, "Sell more spring pastries online.")
    assert job.rate_model == "hourly"  # never left without one


def test_patch_refuses_a_closed_job(api_as, personas, budget):
    job = insert_job(personas, budget=budget, status=JobStatus.CLOSED)

    response = api_as(personas.bob).patch(f"/jobs/{job.pk}", {"title": "Again"})

    assert (response.status_code, response.json()["code"]) == (400, "not_editable")


def test_status_changes_answer_as_documented(api_as, personas, budget):
    draft = insert_job(personas, budget=budget, status=JobStatus.DRAFT, goal="")
    api = api_as(personas.bob)

    missing = api.post(f"/jobs/{draft.pk}/status", {"status": "open"})
    illegal = api.post(f"/jobs/{draft.pk}/status", {"status": "closed"})
    award = api.post(f"/jobs/{draft.pk}/status", {"status": "awarded"})
    api.patch(f"/jobs/{draft.pk}", {"goal": "Sell more."})
    opened = api.post(f"/jobs/{draft.pk}/status", {"status": "open"})

    assert (missing.status_code, list(missing.json()["errors"])) == (422, ["goal"])
    assert (illegal.status_code, illegal.json()["code"]) == (400, "illegal_transition")
    assert award.status_code == 422
    assert (opened.status_code, opened.json()["status"]) == (200, "open")


def test_invitations_are_created_once_and_listed(api_as, personas, budget, django_capture_on_commit_callbacks):
    job = insert_job(personas, budget=budget)
    erin = second_bidder(personas)
    api = api_as(personas.bob)

    with django_capture_on_commit_callbacks(execute=True):
        first = api.post(f"/jobs/{job.pk}/invitations", {"engagement_ids": [personas.carol_engagement.pk, erin.pk]})
        again = api.post(f"/jobs/{job.pk}/invitations", {"engagement_ids": [erin.pk]})
    listed = api.get(f"/jobs/{job.pk}/invitations").json()

    assert first.status_code == 201
    assert [(i["contractor_name"], i["has_account"]) for i in first.json()] == [
        ("Carol Contractor", True),
        ("Erin Bidder", False),
    ]
    assert (again.status_code, again.json()) == (201, [])
    assert listed["count"] == 2 and JobInvitation.objects.count() == 2


def test_inviting_outside_the_directory_answers_422(api_as, personas, budget):
    job = insert_job(personas, budget=budget)

    response = api_as(personas.bob).post(
        f"/jobs/{job.pk}/invitations", {"engagement_ids": [personas.dan_engagement.pk]}
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {"engagement_ids": "Choose contractors from your directory."}


def test_inviting_to_a_draft_answers_400(api_as, personas, budget):
    job = insert_job(personas, budget=budget, status=JobStatus.DRAFT)

    response = api_as(personas.bob).post(
        f"/jobs/{job.pk}/invitations", {"engagement_ids": [personas.carol_engagement.pk]}
    )

    assert (response.status_code, response.json()["code"]) == (400, "not_open")


def test_the_share_link_is_made_and_revoked(api_as, personas, budget):
    job = insert_job(personas, budget=budget)
    api = api_as(personas.bob)

    made = api.post(f"/jobs/{job.pk}/share-link", {"days": 5})
    token = made.json()["token"]
    assert made.status_code == 201
    assert made.json()["url"].endswith(f"/h/jobs/{token}/")
    assert job_for_share_token(token) == job

    assert api.request("delete", f"/jobs/{job.pk}/share-link").status_code == 204
    again = api.request("delete", f"/jobs/{job.pk}/share-link")
    assert (again.status_code, again.json()["code"]) == (400, "no_share_link")


def test_a_share_link_lifetime_out_of_range_answers_422(api_as, personas, budget):
    job = insert_job(personas, budget=budget)

    assert api_as(personas.bob).post(f"/jobs/{job.pk}/share-link", {"days": 365}).status_code == 422
