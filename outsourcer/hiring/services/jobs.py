"""Writes of a job's life on the organization's side: the brief, its status (draft → open →
closed / cancelled; the award is the award's), invitations to contractors of the directory and the
share link."""

import zoneinfo
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from outsourcer.accounts.models import Organization, User
from outsourcer.audit.events import event_record
from outsourcer.budgets.models import Budget
from outsourcer.hiring.events import jobs as events
from outsourcer.hiring.flows import JOB_FLOW
from outsourcer.hiring.models import Job, JobStatus, RateModel
from outsourcer.hiring.services.similar import (
    SIMILAR_FIELDS,
    job_duplicate_override_record,
    job_duplicates_guard,
    job_index,
)
from outsourcer.hiring.tokens import token_nonce
from outsourcer.lib.errors import DomainError, FieldErrors
from outsourcer.lib.limits import MAX_AMOUNT_CENTS
from outsourcer.lib.text import normalize_skills
from outsourcer.lib.timezones import is_time_zone
from outsourcer.lib.validation import FIRST_DAY, LAST_DAY, NOT_TEXT, NUL, TOO_LONG, Errors

BRIEF_FIELDS = (
    "title",
    "goal",
    "deliverables",
    "acceptance_criteria",
    "deadline_on",
    "skills",
    "rate_model",
    "expected_min_cents",
    "expected_max_cents",
    "bids_due_at",
)
LONG_TEXT = 10_000
MAX_SHARE_DAYS = 90

NOT_EDITABLE = "Only a draft or open job can be changed; this one is {status}."
NOT_AWARDABLE_HERE = "A job is awarded by choosing one of its bids."
NOT_OPEN_FOR_SHARING = "Only an open job can be shared."
NO_SHARE_LINK = "This job has no share link to revoke."
BUDGET = "Choose one of your organization's budgets."
BUDGET_FIXED = "The job already has bids; its budget stays the one they were made against."
RANGE = "The lowest expected amount is above the highest."
DUE_PAST = "Bids must be due in the future."
DUE_RANGE = "The bid deadline must be between {first} and {last}."
DUE_AFTER_DEADLINE = "Bids are due after the work's deadline; move one of them."
SHARE_DAYS = "A share link lasts from 1 to {limit} days."


def share_link_days_default() -> int:
    """How long a new share link lasts unless told: settings.HIRING_SHARE_LINK_DAYS (14), held to 1–90."""
    return min(max(int(getattr(settings, "HIRING_SHARE_LINK_DAYS", 14)), 1), MAX_SHARE_DAYS)


# --- validation ------------------------------------------------------------------------------


def _long_text(errors: Errors, value: Any, *, field: str, label: str) -> str:
    """A multi-line text: NUL-free and bounded, blank allowed (opening checks what it needs)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        errors.add(field, NOT_TEXT.format(label=label))
        return ""
    if "\x00" in value:
        errors.add(field, NUL.format(label=label))
    elif len(value) > LONG_TEXT:
        errors.add(field, TOO_LONG.format(label=label, max_length=LONG_TEXT))
    return value.strip()


def _skills(errors: Errors, value: Any) -> str:
    if isinstance(value, str) and "\x00" in value:
        errors.add("skills", NUL.format(label="Skills"))
        return ""
    skills = normalize_skills(value if isinstance(value, list | str) else "")
    if len(skills) > 500:
        errors.add("skills", TOO_LONG.format(label="Skills", max_length=500))
    return skills


def _moment(errors: Errors, value: Any, *, field: str) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, datetime) or timezone.is_naive(value):
        errors.add(field, "Give a date and time with its time zone.")
        return None
    if not FIRST_DAY <= value.date() <= LAST_DAY:
        errors.add(field, DUE_RANGE.format(first=FIRST_DAY.year, last=LAST_DAY.year))
        return None
    return value


def _clean_brief(organization: Organization, budget: Budget, values: dict[str, Any]) -> dict[str, Any]:
    errors = Errors()
    if budget.organization_id != organization.pk:
        errors.add("budget", BUDGET)
    cleaned = {
        "title": errors.text(values.get("title"), field="title", label="Title", max_length=200),
        "goal": _long_text(errors, values.get("goal"), field="goal", label="Goal"),
        "deliverables": _long_text(errors, values.get("deliverables"), field="deliverables", label="Deliverables"),
        "acceptance_criteria": _long_text(
            errors, values.get("acceptance_criteria"), field="acceptance_criteria", label="Acceptance criteria"
        ),
        "deadline_on": errors.day(values.get("deadline_on"), field="deadline_on", label="Deadline", required=False),
        "skills": _skills(errors, values.get("skills")),
        "rate_model": errors.choice(
            values.get("rate_model") or RateModel.FIXED,
            field="rate_model",
            choices=RateModel.values,
            message="Choose fixed price, hourly or retainer.",
        ),
        "bids_due_at": _moment(errors, values.get("bids_due_at"), field="bids_due_at"),
    }
    for name, label in (("expected_min_cents", "Expected amount"), ("expected_max_cents", "Highest expected amount")):
        cleaned[name] = errors.integer(
            values.get(name), field=name, label=label, minimum=1, maximum=MAX_AMOUNT_CENTS, required=False
        )
    low, high = cleaned["expected_min_cents"], cleaned["expected_max_cents"]
    if low is not None and high is not None and low > high and "expected_max_cents" not in errors:
        errors.add("expected_max_cents", RANGE)
    due, deadline = cleaned["bids_due_at"], cleaned["deadline_on"]
    if due is not None and deadline is not None and _local_day(due, organization) > deadline:
        errors.add("bids_due_at", DUE_AFTER_DEADLINE)
    errors.raise_if_any()
    return cleaned


def _local_day(moment: datetime, organization: Organization) -> date:
    zone = organization.time_zone if is_time_zone(organization.time_zone) else "UTC"
    return timezone.localtime(moment, timezone=zoneinfo.ZoneInfo(zone)).date()


def _snapshot(job: Job) -> dict[str, Any]:
    return {
        "title": job.title,
        "goal": job.goal,
        "deliverables": job.deliverables,
        "acceptance_criteria": job.acceptance_criteria,
        "deadline_on": job.deadline_on.isoformat() if job.deadline_on else None,
        "skills": job.skills,
        "rate_model": job.rate_model,
        "expected_min_cents": job.expected_min_cents,
        "expected_max_cents": job.expected_max_cents,
        "bids_due_at": job.bids_due_at.isoformat() if job.bids_due_at else None,
        "budget": job.budget.name,
        "budget_id": job.budget_id,
        "currency": job.budget.currency,
        "status": job.status,
    }


def _lock(job: Job) -> Job:
    return Job.objects.select_for_update().select_related("budget", "organization").get(pk=job.pk)


# --- the brief -------------------------------------------------------------------------------


def _override_reason(value: Any) -> str:
    errors = Errors()
    reason = errors.text(value, field="duplicate_override_reason", label="Reason", max_length=500, required=False)
    errors.raise_if_any()
    return reason


def job_create(
    *, organization: Organization, actor: User, budget: Budget, duplicate_override_reason: str = "", **brief: Any
) -> Job:
    """Create a draft job drawing from `budget` (one of the organization's), with the brief's
    fields as keyword arguments (BRIEF_FIELDS; expected amounts in the budget's currency). Raises
    FieldErrors, and OverrideRequired (code "similar_work") when it looks like open work of the
    organization, unless `duplicate_override_reason` is given (stored, recorded as an override)."""
    unknown = set(brief) - set(BRIEF_FIELDS)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    cleaned = _clean_brief(organization, budget, brief)
    reason = _override_reason(duplicate_override_reason)
    job = Job(organization=organization, budget=budget, created_by=actor, status=JobStatus.DRAFT, **cleaned)
    with transaction.atomic():
        verdict = job_duplicates_guard(organization=organization, values=cleaned, exclude=None, reason=reason)
        job.duplicate_override_reason = reason if verdict.blocking else ""
        job.save()
        event_record(action=events.JOB_CREATED, organization=organization, actor=actor, obj=job, after=_snapshot(job))
        job_index(job, new=True)
        if verdict.blocking:
            job_duplicate_override_record(job=job, actor=actor, verdict=verdict, reason=reason)
    return job


def job_update(
    *, job: Job, actor: User, budget: Budget | None = None, duplicate_override_reason: str = "", **brief: Any
) -> Job:
    """Change a draft or open job's brief (absent fields keep their value). An open job keeps a
    future bid deadline, and a job with bids keeps its budget. Raises FieldErrors or DomainError,
    and OverrideRequired like `job_create` when a changed title, goal or deliverables now look
    like other open work."""
    unknown = set(brief) - set(BRIEF_FIELDS)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    reason = _override_reason(duplicate_override_reason)
    with transaction.atomic():
        locked = _lock(job)
        if locked.status not in (JobStatus.DRAFT, JobStatus.OPEN):
            raise DomainError(NOT_EDITABLE.format(status=locked.get_status_display().lower()), code="not_editable")
        budget = budget or locked.budget
        values = {field: getattr(locked, field) for field in BRIEF_FIELDS}
        values.update(brief)
        cleaned = _clean_brief(locked.organization, budget, values)
        if budget.pk != locked.budget_id and locked.bids.exists():
            raise FieldErrors({"budget": BUDGET_FIXED})
        if locked.status == JobStatus.OPEN:
            _check_opening(locked.organization, budget, cleaned)
        verdict = None
        if any(cleaned[field] != getattr(locked, field) for field in SIMILAR_FIELDS):
            verdict = job_duplicates_guard(
                organization=locked.organization, values=cleaned, exclude=locked.pk, reason=reason
            )
            locked.duplicate_override_reason = reason if verdict.blocking else ""
        before = _snapshot(locked)
        locked.budget = budget
        for field, value in cleaned.items():
            setattr(locked, field, value)
        locked.save()
        job_index(locked)
        if verdict is not None and verdict.blocking:
            job_duplicate_override_record(job=locked, actor=actor, verdict=verdict, reason=reason)
        after = _snapshot(locked)
        changed = {key for key in after if before[key] != after[key]}
        if changed:
            keep = changed | {"currency"}
            event_record(
                action=events.JOB_UPDATED,
                organization=locked.organization,
                actor=actor,
                obj=locked,
                before={key: before[key] for key in keep},
                after={key: after[key] for key in keep},
            )
    job.refresh_from_db()
    return job


# --- status ----------------------------------------------------------------------------------


def _check_opening(organization: Organization, budget: Budget, brief: dict[str, Any]) -> None:
    """What a job needs before contractors see it: a title, a goal, deliverables, a bid deadline in
    the future and a budget of the organization."""
    errors = Errors()
    for field, label in (("title", "Title"), ("goal", "Goal"), ("deliverables", "Deliverables")):
        if not (brief.get(field) or "").strip():
            errors.add(field, f"{label} is required before the job opens.")
    due = brief.get("bids_due_at")
    if due is None:
        errors.add("bids_due_at", "Set when bids are due before the job opens.")
    elif due <= timezone.now():
        errors.add("bids_due_at", DUE_PAST)
    if budget.organization_id != organization.pk:
        errors.add("budget", BUDGET)
    errors.raise_if_any()


STATUS_ACTIONS = {
    JobStatus.CLOSED: events.JOB_CLOSED,
    JobStatus.CANCELLED: events.JOB_CANCELLED,
}


def job_status_change(*, job: Job, actor: User, status: str) -> Job:
    """Move a job along JOB_FLOW: open (or reopen a closed job: the brief must be complete and bids
    due in the future), close, cancel. "awarded" is the award's (DomainError here)."""
    if status == JobStatus.AWARDED:
        raise DomainError(NOT_AWARDABLE_HERE, field="status", code="award_elsewhere")
    with transaction.atomic():
        locked = _lock(job)
        before = locked.status
        JOB_FLOW.next(before, status)
        now = timezone.now()
        action = STATUS_ACTIONS.get(status)
        if status == JobStatus.OPEN:
            _check_opening(locked.organization, locked.budget, {f: getattr(locked, f) for f in BRIEF_FIELDS})
            action = events.JOB_REOPENED if before == JobStatus.CLOSED else events.JOB_OPENED
            locked.opened_at = locked.opened_at or now
            locked.decided_at = None
        else:
            locked.decided_at = now
        locked.status = status
        locked.save(update_fields=["status", "opened_at", "decided_at", "updated_at"])
        job_index(locked)
        event_record(
            action=action,
            organization=locked.organization,
            actor=actor,
            obj=locked,
            before={"status": before},
            after={"status": status, "bids_due_at": locked.bids_due_at.isoformat() if locked.bids_due_at else None},
        )
    job.refresh_from_db()
    return job


# --- the share link --------------------------------------------------------------------------


def job_share_link_create(*, job: Job, actor: User, days: int | None = None) -> Job:
    """Publish a new share link for an open job, valid for `days` (default
    share_link_days_default()); a new link revokes the previous one."""
    errors = Errors()
    days = errors.integer(
        share_link_days_default() if days is None else days,
        field="days",
        label="Days",
        minimum=1,
        maximum=MAX_SHARE_DAYS,
        message=SHARE_DAYS.format(limit=MAX_SHARE_DAYS),
    )
    errors.raise_if_any()
    with transaction.atomic():
        locked = _lock(job)
        if locked.status != JobStatus.OPEN:
            raise DomainError(NOT_OPEN_FOR_SHARING, code="not_open")
        replaced = bool(locked.share_nonce)
        locked.share_nonce = token_nonce()
        locked.share_expires_at = timezone.now() + timedelta(days=days)
        locked.save(update_fields=["share_nonce", "share_expires_at", "updated_at"])
        event_record(
            action=events.JOB_SHARE_LINK_CREATED,
            organization=locked.organization,
            actor=actor,
            obj=locked,
            after={"expires_at": locked.share_expires_at.isoformat(), "replaced": replaced},
        )
    job.refresh_from_db()
    return job


def job_share_link_revoke(*, job: Job, actor: User) -> Job:
    """Revoke the job's share link (every link made so far stops working); DomainError when none."""
    with transaction.atomic():
        locked = _lock(job)
        if not locked.share_nonce:
            raise DomainError(NO_SHARE_LINK, code="no_share_link")
        locked.share_nonce = ""
        locked.share_expires_at = None
        locked.save(update_fields=["share_nonce", "share_expires_at", "updated_at"])
        event_record(action=events.JOB_SHARE_LINK_REVOKED, organization=locked.organization, actor=actor, obj=locked)
    job.refresh_from_db()
    return job
