"""Reads of interviews and scorecards for the organization's pages and API, and the contractor's
schedule (never the scores)."""

from datetime import datetime

from django.db.models import Avg, Case, Count, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from outsourcer.accounts.models import Membership, Organization, User
from outsourcer.accounts.roles import RUNNERS
from outsourcer.contractors.models import Contractor, Engagement, EngagementStatus
from outsourcer.hiring.models import Interview, InterviewStatus, Job, JobStatus, Scorecard

SCORES = ("communication", "skill", "reliability", "understanding")


def _upcoming_first(interviews: QuerySet[Interview], now: datetime) -> QuerySet[Interview]:
    # Scheduled interviews still to come, soonest first; then everything else, latest first.
    upcoming = Q(status=InterviewStatus.SCHEDULED, starts_at__gte=now)
    return interviews.annotate(
        is_past=Case(When(upcoming, then=Value(0)), default=Value(1), output_field=IntegerField()),
        upcoming_at=Case(When(upcoming, then=F("starts_at")), default=None),
    ).order_by("is_past", "upcoming_at", "-starts_at", "-pk")


def interview_list_for_organization(
    *, organization: Organization, contractor_id: int | None = None, job_id: int | None = None, status: str = ""
) -> QuerySet[Interview]:
    """The organization's interviews, upcoming first, with contractor, job, interviewers and the
    number and average of their scorecards (a fixed number of queries for any page)."""
    interviews = Interview.objects.filter(organization=organization)
    if contractor_id is not None:
        interviews = interviews.filter(contractor_id=contractor_id)
    if job_id is not None:
        interviews = interviews.filter(job_id=job_id)
    if status:
        interviews = interviews.filter(status=status)
    interviews = interviews.select_related("contractor", "engagement", "job").annotate(
        scorecard_count=Count("scorecards", distinct=True),
        score_average=(
            Avg("scorecards__communication")
            + Avg("scorecards__skill")
            + Avg("scorecards__reliability")
            + Avg("scorecards__understanding")
        )
        / 4.0,
    )
    interviews = interviews.prefetch_related(Prefetch("interviewers", queryset=User.objects.order_by("name", "pk")))
    return _upcoming_first(interviews, timezone.now())


def interview_list_for_contractor(*, contractor: Contractor) -> QuerySet[Interview]:
    """The contractor's interviews across organizations, upcoming first: the schedule only."""
    interviews = Interview.objects.filter(contractor=contractor).select_related("organization", "job")
    return _upcoming_first(interviews, timezone.now())


def scorecard_list_for_interview(*, interview: Interview) -> list[Scorecard]:
    return list(
        Scorecard.objects.filter(interview=interview).select_related("interviewer").order_by("created_at", "pk")
    )


def scorecard_averages(scorecards: list[Scorecard]) -> dict[str, float] | None:
    """Each criterion's average and the overall one over `scorecards`; None without any."""
    if not scorecards:
        return None
    averages = {name: sum(getattr(card, name) for card in scorecards) / len(scorecards) for name in SCORES}
    averages["overall"] = sum(averages[name] for name in SCORES) / len(SCORES)
    return averages


def interviewer_choices(*, organization: Organization, exclude_user_id: int | None = None) -> list[tuple[int, str]]:
    """The organization's active owners and managers as (user id, name), by name."""
    members = Membership.objects.filter(organization=organization, role__in=RUNNERS, user__is_active=True)
    if exclude_user_id is not None:
        members = members.exclude(user_id=exclude_user_id)
    return [
        (user_id, name or email)
        for user_id, name, email in members.order_by("user__name", "user_id").values_list(
            "user_id", "user__name", "user__email"
        )
    ]


def interviewer_users(*, organization: Organization, user_ids: list[int]) -> list[User]:
    """The users among `user_ids` who may interview for the organization (others are left out)."""
    return list(
        User.objects.filter(
            pk__in=user_ids,
            is_active=True,
            memberships__organization=organization,
            memberships__role__in=RUNNERS,
        )
        .distinct()
        .order_by("name", "pk")
    )


def engagement_choices_for_interviews(*, organization: Organization) -> list[tuple[int, str]]:
    """(engagement id, contractor name) for every engagement that has not ended, by name."""
    rows = (
        Engagement.objects.filter(organization=organization)
        .exclude(status=EngagementStatus.ENDED)
        .order_by("contractor__name", "pk")
        .values_list("pk", "contractor__name", "status")
    )
    return [(pk, name if status == EngagementStatus.ACTIVE else f"{name} ({status})") for pk, name, status in rows]


def job_choices_for_interviews(*, organization: Organization) -> list[tuple[int, str]]:
    """(job id, title) for the organization's jobs that are not cancelled, newest first."""
    rows = (
        Job.objects.filter(organization=organization)
        .exclude(status=JobStatus.CANCELLED)
        .order_by("-created_at", "-pk")
        .values_list("pk", "title")
    )
    return list(rows)
