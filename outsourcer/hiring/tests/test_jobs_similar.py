"""Similar work on jobs (docs/similar.md): a job that looks like open work of the organization (a
task with a contractor, or another job out for bids) needs a reason; the index follows the job."""

from datetime import timedelta

import pytest

from outsourcer.audit.models import Event
from outsourcer.hiring.services import job_create, job_status_change, job_update
from outsourcer.lib.errors import OverrideRequired
from outsourcer.similar.models import SimilarDocument
from outsourcer.similar.selectors import similar_find
from outsourcer.testing.builders import NOW, make_budget
from outsourcer.testing.work import make_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def budget(personas, frozen):
    return make_budget(personas, name="Photos", amount_cents=1_000_000)


def _job(personas, budget, title, **extra):
    values = {"title": title, "goal": "Sell more online.", "bids_due_at": NOW + timedelta(days=7), **extra}
    return job_create(organization=personas.org, actor=personas.bob, budget=budget, **values)


def test_a_job_like_a_task_already_with_a_contractor_needs_a_reason(personas, budget):
    task = make_task(personas, title="Refresh the shop photos", goal="New photos of every product")

    with pytest.raises(OverrideRequired) as raised:
        _job(personas, budget, "Retake the product pictures for the shop")

    assert raised.value.code == "similar_work"
    assert raised.value.details["matches"][0] == {
        "id": task.pk,
        "kind": "task",
        "title": "Refresh the shop photos",
        "contractor": "Carol Contractor",
        "similarity": raised.value.details["matches"][0]["similarity"],
        "duplicate": True,
    }
    assert not personas.org.jobs.exists()


def test_with_a_reason_the_job_is_saved_and_the_override_recorded(personas, budget):
    make_task(personas, title="Refresh the shop photos")

    job = _job(personas, budget, "Retake the shop photos", duplicate_override_reason="Carol is booked until May")

    assert job.duplicate_override_reason == "Carol is booked until May"
    event = Event.objects.get(action="job_duplicate_overridden", object_id=job.pk)
    assert event.reason == "Carol is booked until May"


def test_a_second_job_like_an_open_job_needs_a_reason(personas, budget):
    _job(personas, budget, "Translate the website into German")

    with pytest.raises(OverrideRequired):
        _job(personas, budget, "German translation of our website")
    _job(personas, budget, "Translate the website into Spanish")


def test_a_job_never_matches_itself_when_edited(personas, budget):
    job = _job(personas, budget, "Translate the website into German")

    edited = job_update(job=job, actor=personas.bob, title="Translate the whole website into German")

    assert edited.title == "Translate the whole website into German"
    [match] = similar_find(organization=personas.org, title="Website German translation")
    assert (match.kind, match.id) == ("job", job.pk)


def test_a_cancelled_job_is_recent_work_that_no_longer_needs_a_reason(personas, budget):
    job = _job(personas, budget, "Translate the website into German")
    job_status_change(job=job, actor=personas.bob, status="cancelled")

    assert SimilarDocument.objects.get(kind="job", object_id=job.pk).is_open is False
    again = _job(personas, budget, "Translate the website into German")
    assert again.duplicate_override_reason == ""


def test_the_api_answers_409_then_201_with_a_reason(personas, budget, api_as):
    make_task(personas, title="Refresh the shop photos")
    api = api_as(personas.alice)
    payload = {"budget_id": budget.pk, "title": "Retake the shop photos"}

    refused = api.post("/jobs", payload)
    assert refused.status_code == 409
    assert refused.json()["details"]["matches"][0]["title"] == "Refresh the shop photos"

    created = api.post("/jobs", {**payload, "duplicate_override_reason": "Second shop"})
    assert created.status_code == 201
    assert created.json()["duplicate_override_reason"] == "Second shop"
