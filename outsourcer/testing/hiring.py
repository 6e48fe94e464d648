"""Hiring rows for tests, inserted directly (no services, no events): jobs, invitations and bids
with sensible defaults. Tests of a hiring service call the service itself."""

from datetime import timedelta

from outsourcer.contractors.models import Engagement, EngagementStatus
from outsourcer.hiring.models import (
    Bid,
    BidRevision,
    Interview,
    InterviewStatus,
    Job,
    JobInvitation,
    JobStatus,
    ReferenceCheck,
    ReferenceStatus,
    Scorecard,
)
from outsourcer.messaging.models import Message, Thread
from outsourcer.testing.builders import NOW, TODAY, make_budget
from outsourcer.testing.factories import ContractorFactory, EngagementFactory


def insert_job(personas, *, budget=None, organization=None, status=JobStatus.OPEN, **fields) -> Job:
    """An open fixed-price job of Crumb & Co. (or `organization`) drawing from `budget`."""
    organization = organization or personas.org
    if budget is None:
        budget = make_budget(personas, organization=organization, name="Hiring budget", amount_cents=1_000_000)
    values = {
        "title": "Product photos for the spring menu",
        "goal": "Sell more spring pastries online.",
        "deliverables": "30 edited photos, 2000 px, JPEG.",
        "acceptance_criteria": "Natural light; every product on the menu.",
        "deadline_on": TODAY + timedelta(days=30),
        "rate_model": "fixed",
        "expected_min_cents": 200_000,
        "expected_max_cents": 400_000,
        "bids_due_at": NOW + timedelta(days=7),
        "skills": "photography",
        "opened_at": NOW if status != JobStatus.DRAFT else None,
    }
    values.update(fields)
    return Job.objects.create(organization=organization, budget=budget, status=status, **values)


def insert_invitation(job: Job, engagement: Engagement) -> JobInvitation:
    return JobInvitation.objects.create(
        organization=job.organization, job=job, contractor=engagement.contractor, engagement=engagement, invited_at=NOW
    )


def insert_bid(job: Job, engagement: Engagement, *, total_cents: int = 300_000, **fields) -> Bid:
    """A submitted fixed-price bid in the budget's currency (invitation included), with its revision."""
    if not JobInvitation.objects.filter(job=job, contractor_id=engagement.contractor_id).exists():
        insert_invitation(job, engagement)
    values = {
        "rate_model": "fixed",
        "currency": job.budget.currency,
        "fixed_total_cents": total_cents,
        "total_cents": total_cents,
        "total_budget_cents": total_cents,
        "proposed_start_on": TODAY + timedelta(days=3),
        "finishes_on": TODAY + timedelta(days=25),
        "approach": "Shoot on two mornings in the bakery's window light.",
        "submitted_at": NOW,
    }
    values.update(fields)
    bid = Bid.objects.create(
        organization=job.organization, job=job, contractor=engagement.contractor, engagement=engagement, **values
    )
    BidRevision.objects.create(organization=job.organization, bid=bid, number=1, terms={"total_cents": total_cents})
    return bid


def second_bidder(personas, *, name="Erin Bidder", status=EngagementStatus.PROSPECT) -> Engagement:
    """Another contractor of Crumb & Co. (a prospect record without an account) to bid beside Carol."""
    contractor = ContractorFactory(name=name, email=f"{name.split()[0].lower()}@bids.example", skills="photography")
    return EngagementFactory(organization=personas.org, contractor=contractor, status=status)


def insert_vetting(personas, engagement: Engagement, *, interviews: int = 1, references: int = 2) -> None:
    """Enough vetting for the default policy: interviews scored by Alice and references received."""
    for _ in range(interviews):
        interview = Interview.objects.create(
            organization=engagement.organization,
            engagement=engagement,
            contractor=engagement.contractor,
            starts_at=NOW - timedelta(days=7),
            status=InterviewStatus.DONE,
        )
        Scorecard.objects.create(
            organization=engagement.organization,
            interview=interview,
            interviewer=personas.alice,
            communication=4,
            skill=4,
            reliability=4,
            understanding=4,
        )
    for number in range(references):
        ReferenceCheck.objects.create(
            organization=engagement.organization,
            engagement=engagement,
            contractor=engagement.contractor,
            referee_name=f"Referee {number + 1}",
            referee_email=f"referee{number + 1}@ref.example",
            relationship="Former client",
            status=ReferenceStatus.RECEIVED,
            expires_at=NOW + timedelta(days=14),
            received_at=NOW,
        )


def insert_job_message(job: Job, contractor, *, from_contractor: bool, body: str = "Hi?", at=None, **fields):
    """A message in the bidder's Q&A thread on `job` (the thread made on the first), delivered at
    `at` unless `deliver_at` says otherwise; the rows message_post writes, without its clock."""
    at = at or NOW
    thread, _ = Thread.objects.get_or_create(
        job=job, contractor=contractor, defaults={"organization_id": job.organization_id, "created_at": at}
    )
    fields.setdefault("deliver_at", at)
    return Message.objects.create(
        organization_id=job.organization_id,
        job=job,
        contractor=contractor,
        thread=thread,
        from_contractor=from_contractor,
        body=body,
        created_at=at,
        **fields,
    )
