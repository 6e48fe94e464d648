from datetime import date, timedelta

import pytest
from django.core import mail

from outsourcer.audit.models import Event
from outsourcer.hiring.models import Job, JobStatus
from outsourcer.hiring.services import job_create, job_status_change, job_update
from outsourcer.lib.errors import DomainError, FieldErrors
from outsourcer.lib.transitions import IllegalTransition
from outsourcer.testing.builders import NOW, make_budget
from outsourcer.testing.hiring import insert_bid, insert_job

pytestmark = pytest.mark.django_db


@pytest.fixture
def budget(personas, frozen):
    return make_budget(personas, name="Photos", amount_cents=1_000_000)


def _brief(**extra):
    return {
        "title": "Spring menu photos",
        "goal": "Sell more pastries online.",
        "deliverables": "30 photos, JPEG.",
        "acceptance_criteria": "Natural light.",
        "deadline_on": date(2025, 4, 30),
        "skills": "Photography, editing, photography",
        "rate_model": "fixed",
        "expected_min_cents": 150_000,
        "expected_max_cents": 300_000,
        "bids_due_at": NOW + timedelta(days=7),
        **extra,
    }


def _draft(personas, budget, **extra) -> Job:
    return job_create(organization=personas.org, actor=personas.bob, budget=budget, **_brief(**extra))


def test_it_creates_a_draft_job_and_records_it(personas, budget):
    job = _draft(personas, budget)

    assert (job.status, job.skills, job.created_by) == (JobStatus.DRAFT, "photography, editing", personas.bob)
    event = Event.objects.get(action="job_created")
    assert (event.actor, event.object_id, event.after["budget"]) == (personas.bob, str(job.pk), "Photos")


def test_a_draft_may_be_incomplete(personas, budget):
    job = job_create(organization=personas.org, actor=personas.alice, budget=budget, title="Later")

    assert (job.goal, job.bids_due_at, job.expected_min_cents) == ("", None, None)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": "  "}, "title"),
        ({"goal": "bad\x00byte"}, "goal"),
        ({"expected_min_cents": 300_000, "expected_max_cents": 100_000}, "expected_max_cents"),
        ({"expected_min_cents": 0}, "expected_min_cents"),
        ({"rate_model": "barter"}, "rate_model"),
        ({"bids_due_at": NOW + timedelta(days=60)}, "bids_due_at"),  # after the work's deadline
        ({"deadline_on": date(1999, 1, 1), "bids_due_at": None}, "deadline_on"),
    ],
)
def test_it_refuses_a_wrong_brief_field_by_field(personas, budget, fields, field):
    with pytest.raises(FieldErrors) as caught:
        _draft(personas, budget, **fields)

    assert field in caught.value.errors
    assert not Job.objects.exists() and not Event.objects.filter(action="job_created").exists()


def test_it_refuses_a_budget_of_another_organization(personas, budget):
    foreign = make_budget(personas, organization=personas.other_org, name="Oscar's")

    with pytest.raises(FieldErrors) as caught:
        _draft(personas, foreign)

    assert caught.value.errors == {"budget": "Choose one of your organization's budgets."}


def test_opening_needs_a_goal_deliverables_and_a_future_bid_deadline(personas, budget):
    job = job_create(
        organization=personas.org, actor=personas.alice, budget=budget, title="Later", bids_due_at=NOW - timedelta(1)
    )

    with pytest.raises(FieldErrors) as caught:
        job_status_change(job=job, actor=personas.alice, status="open")

    assert set(caught.value.errors) == {"goal", "deliverables", "bids_due_at"}
    assert caught.value.errors["bids_due_at"] == "Bids must be due in the future."
    job.refresh_from_db()
    assert job.status == JobStatus.DRAFT


def test_it_opens_closes_reopens_and_cancels_a_job(personas, budget):
    job = _draft(personas, budget)

    job = job_status_change(job=job, actor=personas.bob, status="open")
    assert (job.status, job.opened_at) == (JobStatus.OPEN, NOW)
    job = job_status_change(job=job, actor=personas.bob, status="closed")
    assert (job.status, job.decided_at) == (JobStatus.CLOSED, NOW)
    job = job_status_change(job=job, actor=personas.bob, status="open")
    assert (job.status, job.decided_at) == (JobStatus.OPEN, None)
    job = job_status_change(job=job, actor=personas.bob, status="cancelled")
    assert job.status == JobStatus.CANCELLED

    actions = list(Event.objects.filter(action__startswith="job_").order_by("pk").values_list("action", flat=True))
    assert actions == ["job_created", "job_opened", "job_closed", "job_reopened", "job_cancelled"]


def test_awarding_is_not_a_status_change_here(personas, budget):
    job = job_status_change(job=_draft(personas, budget), actor=personas.bob, status="open")

    with pytest.raises(DomainError) as caught:
        job_status_change(job=job, actor=personas.bob, status="awarded")

    assert caught.value.code == "award_elsewhere"


def test_a_move_the_flow_does_not_allow_is_refused(personas, budget):
    job = _draft(personas, budget)

    with pytest.raises(IllegalTransition):
        job_status_change(job=job, actor=personas.bob, status="closed")
    cancelled = job_status_change(job=job, actor=personas.bob, status="cancelled")
    with pytest.raises(IllegalTransition):
        job_status_change(job=cancelled, actor=personas.bob, status="open")


def test_it_updates_a_draft_and_records_only_what_changed(personas, budget):
    job = _draft(personas, budget)

    job_update(job=job, actor=personas.alice, title="Summer menu photos", expected_max_cents=350_000)

    job.refresh_from_db()
    assert (job.title, job.expected_max_cents, job.goal) == (
        "Summer menu photos",
        350_000,
        "Sell more pastries online.",
    )
    event = Event.objects.get(action="job_updated")
    assert set(event.after) == {"title", "expected_max_cents", "currency"}


def test_an_open_job_keeps_a_future_bid_deadline(personas, budget):
    job = job_status_change(job=_draft(personas, budget), actor=personas.bob, status="open")

    with pytest.raises(FieldErrors) as caught:
        job_update(job=job, actor=personas.bob, bids_due_at=NOW - timedelta(hours=1))

    assert "bids_due_at" in caught.value.errors


@pytest.mark.parametrize("status", [JobStatus.CLOSED, JobStatus.CANCELLED, JobStatus.AWARDED])
def test_a_job_past_open_does_not_change(personas, budget, status):
    job = insert_job(personas, budget=budget, status=status)

    with pytest.raises(DomainError) as caught:
        job_update(job=job, actor=personas.bob, title="New title")

    assert caught.value.code == "not_editable"


def test_a_job_with_bids_keeps_its_budget(personas, budget):
    job = insert_job(personas, budget=budget)
    insert_bid(job, personas.carol_engagement)
    other = make_budget(personas, name="Other")

    with pytest.raises(FieldErrors) as caught:
        job_update(job=job, actor=personas.bob, budget=other)

    assert "budget" in caught.value.errors
    assert mail.outbox == []
