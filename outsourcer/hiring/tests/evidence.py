"""Evidence rows for the track-record, trust and comparison tests, inserted directly: accepted
milestones, reviewed time, Q&A messages, interviews with scorecards, references and checks."""

from datetime import datetime, timedelta

from outsourcer.audit.events import event_record
from outsourcer.budgets.models import Budget
from outsourcer.contracts.events import TIME_ENTRY_REJECTED
from outsourcer.contracts.models import Milestone, MilestoneStatus, TimeEntryStatus
from outsourcer.hiring.models import (
    CompanyCheck,
    CompanyCheckStatus,
    Interview,
    InterviewStatus,
    ReferenceCheck,
    ReferenceStatus,
    Scorecard,
)
from outsourcer.testing.builders import NOW, make_budget
from outsourcer.testing.hiring import insert_job_message
from outsourcer.testing.rows import insert_fixed_contract, insert_hourly_contract, insert_time_entry


def budget_of(p, organization=None):
    organization = organization or p.org
    name = f"Evidence {organization.pk}"
    existing = Budget.objects.filter(organization=organization, name=name).first()
    return existing or make_budget(p, organization=organization, name=name)


def accept_milestones(p, engagement, *, days_late=(0,), organization=None):
    """A fixed-price contract whose milestones were accepted `days_late` days after their due dates."""
    contract = insert_fixed_contract(budget_of(p, organization), engagement, amounts=tuple(10_000 for _ in days_late))
    for milestone, late in zip(contract.milestones.order_by("position"), days_late, strict=True):
        due = datetime.combine(milestone.due_on, datetime.min.time(), tzinfo=NOW.tzinfo) + timedelta(hours=12)
        Milestone.objects.filter(pk=milestone.pk).update(
            status=MilestoneStatus.ACCEPTED, accepted_at=due + timedelta(days=late)
        )
    return contract


def reviewed_time(
    p, engagement, *, approved=1, rejected_then_approved=0, rejected=0, worked_on=None, organization=None
):
    contract = insert_hourly_contract(budget_of(p, organization), engagement)
    org = contract.organization
    entries = []
    for status, was_rejected, n in (
        (TimeEntryStatus.APPROVED, False, approved),
        (TimeEntryStatus.APPROVED, True, rejected_then_approved),
        (TimeEntryStatus.REJECTED, True, rejected),
    ):
        for _ in range(n):
            extra = {"rejection_reason": "Not in scope"} if status == TimeEntryStatus.REJECTED else {}
            entry = insert_time_entry(contract, worked_on=worked_on, status=status, reviewed_at=NOW, **extra)
            if was_rejected:
                event_record(action=TIME_ENTRY_REJECTED, organization=org, obj=entry, after={"status": "rejected"})
            entries.append(entry)
    return entries


def message(job, contractor, *, at, from_contractor):
    body = "Can you start earlier?" if not from_contractor else "Yes, from Monday."
    return insert_job_message(job, contractor, from_contractor=from_contractor, body=body, at=at)


def interview(p, engagement, *, scores=(4, 4, 4, 4), status=InterviewStatus.DONE, starts_at=NOW, interviewer=None):
    row = Interview.objects.create(
        organization=engagement.organization,
        engagement=engagement,
        contractor=engagement.contractor,
        starts_at=starts_at,
        status=status,
    )
    if scores:
        communication, skill, reliability, understanding = scores
        Scorecard.objects.create(
            organization=engagement.organization,
            interview=row,
            interviewer=interviewer or p.alice,
            communication=communication,
            skill=skill,
            reliability=reliability,
            understanding=understanding,
        )
    return row


def reference(engagement, *, status=ReferenceStatus.RECEIVED, answers=(5, 5, 5, True), received_at=NOW):
    reliability, quality, communication, hire = answers if status == ReferenceStatus.RECEIVED else (None,) * 4
    return ReferenceCheck.objects.create(
        organization=engagement.organization,
        engagement=engagement,
        contractor=engagement.contractor,
        referee_name="Rita Referee",
        referee_email="rita@ref.example",
        relationship="Former client",
        status=status,
        expires_at=NOW + timedelta(days=14),
        received_at=received_at if status == ReferenceStatus.RECEIVED else None,
        reliability=reliability,
        quality=quality,
        communication=communication,
        would_hire_again=hire,
    )


def company_check(engagement, item, status=CompanyCheckStatus.VERIFIED, verified_at=NOW):
    return CompanyCheck.objects.create(
        organization=engagement.organization,
        engagement=engagement,
        item=item,
        status=status,
        verified_at=verified_at if status != CompanyCheckStatus.PENDING else None,
    )
