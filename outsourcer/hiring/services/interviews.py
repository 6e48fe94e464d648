"""Interviews and their scorecards: schedule, move, cancel, mark done, score.

Scheduling an interview with a prospect moves the engagement to "vetting" (the engagement's own
transition table and service). A time outside the contractor's working hours needs a confirmation
with a reason (OverrideRequired, code "outside_working_hours"). Invitations, updates and
cancellations go out by e-mail at once, with an .ics (interview_notices)."""

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from outsourcer.accounts.models import Membership, Organization, User
from outsourcer.accounts.roles import RUNNERS
from outsourcer.audit.events import event_record
from outsourcer.contractors.flows import ENGAGEMENT_FLOW
from outsourcer.contractors.models import Engagement, EngagementStatus
from outsourcer.contractors.services import engagement_status_change
from outsourcer.hiring import events
from outsourcer.hiring.flows import INTERVIEW_FLOW
from outsourcer.hiring.models import Interview, InterviewStatus, Job, Scorecard
from outsourcer.hiring.services.interview_notices import interview_notify, outside_hours_warning
from outsourcer.lib.errors import DomainError
from outsourcer.lib.timezones import working_window_misses
from outsourcer.lib.validation import LAST_DAY, Errors

MIN_MINUTES, MAX_MINUTES = 5, 8 * 60
MAX_INTERVIEWERS = 10
SCORES = ("communication", "skill", "reliability", "understanding")
SCORE_LABELS = {
    "communication": "Communication",
    "skill": "Skill",
    "reliability": "Reliability",
    "understanding": "Understanding of our goals",
}

ENDED = "The engagement with {name} has ended; reopen it before scheduling an interview."
IN_THE_PAST = "Choose a time that has not passed yet."
TOO_FAR = "Choose a time before {year}."
NOT_AWARE = "Give the time with its time zone."
NO_INTERVIEWERS = "Choose at least one interviewer."
NOT_INTERVIEWER = "Interviewers are the organization's owners and managers."
OWN_INTERVIEW = "{name} cannot interview themselves."
TOO_MANY = f"At most {MAX_INTERVIEWERS} interviewers."
FOREIGN_JOB = "Choose one of this organization's jobs."
UNCHANGED = "That is already the interview's time, length, place and interviewers."
NOT_YET = "The interview has not started yet ({when}); it can be marked done once it has."
SCORE_NOT_YET = "An interview is scored once it has started."
SCORE_CANCELLED = "A cancelled interview is not scored."
ONLY_INTERVIEWERS = "Only the interview's interviewers score it; add yourself when rescheduling."
SCORE = "{label}: choose 1 to 5."


def _clean_schedule(
    *,
    organization: Organization,
    contractor_user_id: int | None,
    starts_at: Any,
    duration_minutes: Any,
    location: Any,
    interviewers: Sequence[User],
    check_past: bool = True,
) -> dict[str, Any]:
    errors = Errors()
    if not isinstance(starts_at, datetime):
        errors.add("starts_at", "Give the date and time the interview starts.")
    elif timezone.is_naive(starts_at):
        errors.add("starts_at", NOT_AWARE)
    elif check_past and starts_at < timezone.now():
        errors.add("starts_at", IN_THE_PAST)
    elif starts_at.date() > LAST_DAY:
        errors.add("starts_at", TOO_FAR.format(year=LAST_DAY.year + 1))
    minutes = errors.integer(
        duration_minutes, field="duration_minutes", label="Length", minimum=MIN_MINUTES, maximum=MAX_MINUTES
    )
    if "duration_minutes" in errors:
        errors.replace("duration_minutes", f"Length: between {MIN_MINUTES} minutes and {MAX_MINUTES // 60} hours.")
    place = errors.text(location, field="location", label="Place", max_length=300, required=False)
    people = list(dict.fromkeys(interviewers))
    if not people:
        errors.add("interviewers", NO_INTERVIEWERS)
    elif len(people) > MAX_INTERVIEWERS:
        errors.add("interviewers", TOO_MANY)
    else:
        runners = set(
            Membership.objects.filter(
                organization=organization, role__in=RUNNERS, user__in=people, user__is_active=True
            ).values_list("user_id", flat=True)
        )
        if any(person.pk not in runners for person in people):
            errors.add("interviewers", NOT_INTERVIEWER)
        elif contractor_user_id is not None and contractor_user_id in runners:
            name = next(p.name for p in people if p.pk == contractor_user_id)
            errors.add("interviewers", OWN_INTERVIEW.format(name=name))
    errors.raise_if_any()
    return {"starts_at": starts_at, "duration_minutes": minutes, "location": place, "interviewers": people}


def _outside_hours(interview: Interview, override_reason: str, *, ask: bool = True) -> tuple[bool, str]:
    """(outside the contractor's working hours, the cleaned reason); OverrideRequired when outside,
    `ask`ing and no reason was given."""
    contractor = interview.contractor
    ends_at = interview.starts_at + timedelta(minutes=interview.duration_minutes)
    outside = working_window_misses(interview.starts_at, ends_at, contractor.time_zone, contractor.working_hours)
    errors = Errors()
    reason = errors.text(override_reason, field="override_reason", label="Reason", max_length=500, required=False)
    errors.raise_if_any()
    if outside and ask and not reason:
        raise outside_hours_warning(interview)
    return outside, reason if outside else ""


def _fields(interview: Interview) -> dict[str, Any]:
    return {"contractor": interview.contractor, **{f: getattr(interview, f) for f in ("starts_at", "duration_minutes")}}


def _payload(interview: Interview, interviewers: Sequence[User]) -> dict[str, Any]:
    return {
        "contractor": interview.contractor.name,
        "job": interview.job.title if interview.job_id else None,
        "starts_at": interview.starts_at.isoformat(),
        "duration_minutes": interview.duration_minutes,
        "location": interview.location,
        "interviewers": [person.name or person.email for person in interviewers],
    }


def interview_schedule(
    *,
    organization: Organization,
    actor: User,
    engagement: Engagement,
    starts_at: datetime,
    interviewers: Sequence[User],
    duration_minutes: int = 45,
    location: str = "",
    job: Job | None = None,
    override_reason: str = "",
) -> Interview:
    """Schedule an interview with the engagement's contractor (about `job`, optionally), invite the
    contractor and the other interviewers with an .ics, and move a prospect's engagement to
    vetting. Raises FieldErrors, DomainError, or OverrideRequired when the time is outside the
    contractor's working hours and no `override_reason` is given."""
    if engagement.organization_id != organization.pk:
        raise DomainError("Choose a contractor of this organization.", field="engagement")
    if job is not None and job.organization_id != organization.pk:
        raise DomainError(FOREIGN_JOB, field="job")
    contractor = engagement.contractor
    if engagement.status == EngagementStatus.ENDED:
        raise DomainError(ENDED.format(name=contractor.name), field="engagement", code="engagement_ended")
    cleaned = _clean_schedule(
        organization=organization,
        contractor_user_id=contractor.user_id,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        location=location,
        interviewers=interviewers,
    )
    people = cleaned.pop("interviewers")
    interview = Interview(
        organization=organization, engagement=engagement, contractor=contractor, job=job, created_by=actor, **cleaned
    )
    outside, reason = _outside_hours(interview, override_reason)
    with transaction.atomic():
        interview.save()
        interview.interviewers.set(people)
        moved = engagement.status == EngagementStatus.PROSPECT and ENGAGEMENT_FLOW.allows(
            engagement.status, EngagementStatus.VETTING
        )
        if moved:
            engagement_status_change(engagement=engagement, actor=actor, status=EngagementStatus.VETTING)
        event_record(
            action=events.INTERVIEW_SCHEDULED,
            organization=organization,
            actor=actor,
            obj=interview,
            after={**_payload(interview, people), "outside_working_hours": outside, "moved_to_vetting": moved},
            reason=reason,
        )
        interview_notify(interview=interview, actor=actor, interviewers=people, change="invited")
    return interview


def interview_reschedule(
    *,
    interview: Interview,
    actor: User,
    starts_at: datetime,
    duration_minutes: int | None = None,
    location: str | None = None,
    interviewers: Sequence[User] | None = None,
    override_reason: str = "",
) -> Interview:
    """Move a scheduled interview (and change its length, place or interviewers); everyone gets an
    updated .ics (same UID, SEQUENCE + 1), interviewers taken off get a cancellation. Same errors
    as `interview_schedule`."""
    INTERVIEW_FLOW.next(interview.status, InterviewStatus.SCHEDULED)
    before_people = list(interview.interviewers.all())
    cleaned = _clean_schedule(
        organization=interview.organization,
        contractor_user_id=interview.contractor.user_id,
        starts_at=starts_at,
        duration_minutes=interview.duration_minutes if duration_minutes is None else duration_minutes,
        location=interview.location if location is None else location,
        interviewers=before_people if interviewers is None else interviewers,
    )
    people = cleaned.pop("interviewers")
    before = _payload(interview, before_people)
    unchanged = all(getattr(interview, key) == value for key, value in cleaned.items())
    if unchanged and {p.pk for p in people} == {p.pk for p in before_people}:
        raise DomainError(UNCHANGED, field="starts_at", code="unchanged")
    # Judged on a copy: a refusal leaves the interview as it was for the page that shows it again.
    # Keeping the time (a new place or other interviewers) does not ask again about the hours.
    moved = Interview(**{**_fields(interview), **cleaned})
    same_time = (moved.starts_at, moved.duration_minutes) == (interview.starts_at, interview.duration_minutes)
    outside, reason = _outside_hours(moved, "" if same_time else override_reason, ask=not same_time)
    with transaction.atomic():
        locked = Interview.objects.select_for_update().get(pk=interview.pk)
        INTERVIEW_FLOW.next(locked.status, InterviewStatus.SCHEDULED)
        for key, value in cleaned.items():
            setattr(interview, key, value)
        interview.sequence = locked.sequence + 1
        interview.save(update_fields=[*cleaned, "sequence"])
        interview.interviewers.set(people)
        event_record(
            action=events.INTERVIEW_RESCHEDULED,
            organization=interview.organization,
            actor=actor,
            obj=interview,
            before=before,
            after={**_payload(interview, people), "outside_working_hours": outside},
            reason=reason,
        )
        removed = [p for p in before_people if p not in people]
        interview_notify(interview=interview, actor=actor, interviewers=people, change="moved", removed=removed)
    return interview


def _close(interview: Interview, *, actor: User, status: str, action) -> Interview:
    with transaction.atomic():
        locked = Interview.objects.select_for_update().get(pk=interview.pk)
        target = INTERVIEW_FLOW.next(locked.status, status)
        interview.status = target
        fields = ["status"]
        if target == InterviewStatus.CANCELLED:
            interview.sequence, fields = locked.sequence + 1, ["status", "sequence"]
        interview.save(update_fields=fields)
        people = list(interview.interviewers.all())
        event_record(
            action=action,
            organization=interview.organization,
            actor=actor,
            obj=interview,
            before={"status": locked.status},
            after={"status": target, **_payload(interview, people)},
        )
        if target == InterviewStatus.CANCELLED:
            interview_notify(interview=interview, actor=actor, interviewers=people, change="cancelled")
    return interview


def interview_cancel(*, interview: Interview, actor: User) -> Interview:
    """Call off a scheduled interview; everyone invited gets a METHOD:CANCEL .ics."""
    return _close(interview, actor=actor, status=InterviewStatus.CANCELLED, action=events.INTERVIEW_CANCELLED)


def interview_complete(*, interview: Interview, actor: User) -> Interview:
    """Mark a scheduled interview done, once it has started (DomainError before)."""
    if interview.starts_at > timezone.now():
        when = timezone.localtime(interview.starts_at).strftime("%a %d %b %H:%M")
        raise DomainError(NOT_YET.format(when=when), field="status", code="not_started")
    return _close(interview, actor=actor, status=InterviewStatus.DONE, action=events.INTERVIEW_COMPLETED)


def scorecard_submit(
    *,
    interview: Interview,
    actor: User,
    communication: int,
    skill: int,
    reliability: int,
    understanding: int,
    notes: str = "",
) -> Scorecard:
    """Record (or, the second time, update) the actor's own scorecard of an interview that has
    started and is not cancelled: four scores of 1–5 and notes. Only the interview's interviewers
    score it. Raises FieldErrors or DomainError."""
    if interview.status == InterviewStatus.CANCELLED:
        raise DomainError(SCORE_CANCELLED, code="interview_cancelled")
    if interview.starts_at > timezone.now():
        raise DomainError(SCORE_NOT_YET, code="not_started")
    if not interview.interviewers.filter(pk=actor.pk).exists():
        raise DomainError(ONLY_INTERVIEWERS, code="not_interviewer")
    errors = Errors()
    values = {
        "communication": communication,
        "skill": skill,
        "reliability": reliability,
        "understanding": understanding,
    }
    scores = {
        name: errors.integer(
            value,
            field=name,
            label=SCORE_LABELS[name],
            minimum=1,
            maximum=5,
            message=SCORE.format(label=SCORE_LABELS[name]),
        )
        for name, value in values.items()
    }
    notes = errors.text(notes, field="notes", label="Notes", max_length=5000, required=False)
    errors.raise_if_any()
    with transaction.atomic():
        # get_or_create: two first submissions at once meet the unique constraint, and the second
        # one then updates the card the first created instead of failing.
        card, created = Scorecard.objects.select_for_update().get_or_create(
            interview=interview,
            interviewer=actor,
            defaults={"organization_id": interview.organization_id, "notes": notes, **scores},
        )
        before = None if created else {name: getattr(card, name) for name in SCORES}
        if not created:
            for name, value in scores.items():
                setattr(card, name, value)
            card.notes = notes
            card.save()
        event_record(
            action=events.SCORECARD_UPDATED if before else events.SCORECARD_SUBMITTED,
            organization=interview.organization,
            actor=actor,
            obj=card,
            before={**before, "contractor": interview.contractor.name} if before else None,
            after={**scores, "contractor": interview.contractor.name},
        )
    return card
