"""The facts of the Outsourcing Health Check (oversight/health.py scores them), read from the
organization's own rows in a fixed number of queries whatever their number (docs/health.md)."""

from datetime import date, datetime, timedelta

from django.db.models import Avg, Exists, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from outsourcer.accounts.models import Organization
from outsourcer.audit.events import ACTIONS
from outsourcer.audit.models import Event
from outsourcer.budgets.models import Budget, BudgetAlert
from outsourcer.contractors.models import Engagement, EngagementStatus
from outsourcer.hiring.vetting import VETTING_COUNTS, vetting_counts, vetting_judge, vetting_policy_get
from outsourcer.messaging.models import Message
from outsourcer.oversight.health import (
    BRIEF_OVERRIDE_ACTIONS,
    BUDGET_OVERRIDE_ACTIONS,
    DUPLICATE_ACTIONS,
    UNVETTED_ACTIONS,
    WINDOW_DAYS,
    HealthFacts,
)
from outsourcer.oversight.models import (
    Deliverable,
    DeliverableStatus,
    Feedback,
    HealthSnapshot,
    OrganizationRating,
    Review,
)
from outsourcer.oversight.selectors.consolidation import consolidation_advise, consolidation_areas
from outsourcer.oversight.selectors.utilization import utilization_from_weeks, weeks_for_contractors
from outsourcer.work.briefs import outside_working_hours
from outsourcer.work.models import OPEN_STATUSES, CheckInCadence, Task, TaskStatus

UNANSWERED_AFTER = timedelta(days=2)
QUERIES = 8
# The off-hours shares read the latest rows of the window, at most this many each: the working
# hours are the contractor's, in their zone, so each row is judged in Python.
OFF_HOURS_ROWS = 2000


def _whole(queryset, **aggregate):
    """One scalar subquery aggregating the whole queryset (grouped by a constant); NULL when empty."""
    ((name, function),) = aggregate.items()
    return Subquery(
        queryset.order_by().annotate(_all=Value(1)).values("_all").annotate(**{name: function}).values(name)
    )


class _Count(Subquery):
    """The number of rows of a queryset, as a scalar subquery. Counting the rows it selects needs
    no GROUP BY, so the queryset is cloned twice instead of five times (`_whole`): building the
    ORM query costs far more than the database takes to answer it (docs/performance.md)."""

    template = 'COALESCE((SELECT COUNT(*) FROM (%(subquery)s) "_rows"), 0)'
    output_field = IntegerField()


def _count(queryset):
    return _Count(queryset.order_by().values("pk"))


def _figures(organization, today: date, now: datetime, since: datetime) -> dict:
    """Every count of the facts but the vetting, in one query: a scalar subquery each."""
    org = OuterRef("pk")
    budgets = Budget.objects.filter(organization=org, starts_on__lte=today).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today)
    )
    overrun = BudgetAlert.objects.filter(budget=OuterRef("pk"), threshold__gte=100, created_at__gte=since)
    events = Event.objects.filter(organization=org, created_at__gte=since)
    active = Engagement.objects.filter(organization=org, status=EngagementStatus.ACTIVE)
    tasks = Task.objects.filter(organization=org)
    in_progress = tasks.filter(status=TaskStatus.IN_PROGRESS)
    cadence = CheckInCadence.objects.filter(task=OuterRef("pk"))
    reviews = Review.objects.filter(organization=org, decided_at__gte=since)
    accepted = Deliverable.objects.filter(organization=org, status=DeliverableStatus.ACCEPTED, accepted_at__gte=since)
    ratings = OrganizationRating.objects.filter(organization=org)
    messages, deadlines = _messages_sent(org, since), _deadlines(org, since)
    rating = (F("brief_clarity") + F("responsiveness") + F("payment_timeliness")) * 10.0 / 3
    stale = now - UNANSWERED_AFTER
    counts = dict(
        budgets=_count(budgets),
        budgets_overrun=_count(budgets.filter(Exists(overrun))),
        budget_overrides=_count(events.filter(action__in=BUDGET_OVERRIDE_ACTIONS)),
        unvetted_awards=_count(events.filter(action__in=UNVETTED_ACTIONS)),
        duplicate_overrides=_count(events.filter(action__in=DUPLICATE_ACTIONS)),
        tasks_sent_with_override=_count(events.filter(action__in=BRIEF_OVERRIDE_ACTIONS)),
        active_contractors=_count(active),
        idle_contractors=_count(
            active.exclude(Exists(Task.objects.filter(engagement=OuterRef("pk"), status__in=OPEN_STATUSES)))
        ),
        tasks_sent=_count(tasks.filter(sent_at__gte=since)),
        open_questions=_count(tasks.filter(status=TaskStatus.QUESTION)),
        unanswered_messages=_count(
            Message.objects.filter(organization=org, from_contractor=True, read_at=None, created_at__lt=stale)
        ),
        reviews=_count(reviews),
        review_latency_minutes=Coalesce(_whole(reviews, a=Avg("latency_minutes")), 0.0),
        accepted_deliverables=_count(accepted),
        accepted_with_feedback=_count(accepted.filter(Exists(Feedback.objects.filter(deliverable=OuterRef("pk"))))),
        tasks_in_progress=_count(in_progress),
        tasks_with_checkins=_count(in_progress.filter(Exists(cadence))),
        checkins_missed=_count(
            in_progress.filter(Exists(cadence.filter(Q(missed_at__isnull=False) | Q(next_due_at__lt=now))))
        ),
        messages_sent=_count(messages),
        deadlines=_count(deadlines),
        ratings=_count(ratings),
        rating_average_tenths=Coalesce(_whole(ratings, a=Avg(rating)), 0.0),
    )
    # Prefixed: some names are the organization's relations (budgets).
    row = Organization.objects.filter(pk=organization.pk).values(**{f"f_{k}": v for k, v in counts.items()}).get()
    return {name[2:]: value for name, value in row.items()}


def _messages_sent(organization, since: datetime):
    # In task threads: the contractor's work. Sent: a held message counts from when it was written.
    return Message.objects.filter(
        organization=organization, task__isnull=False, from_contractor=False, created_at__gte=since
    )


def _deadlines(organization, since: datetime):
    return Task.objects.filter(organization=organization, sent_at__gte=since, deadline_at__isnull=False)


def _off_hours(organization, since: datetime) -> tuple[int, int]:
    """How many of the latest OFF_HOURS_ROWS messages sent (at writing) and deadlines fall outside
    their contractor's working hours (work.briefs' deadline rule): one query."""
    sent = _messages_sent(organization, since).filter(deliver_at__lte=F("created_at"))
    parts = [_latest(sent, "created_at", "message"), _latest(_deadlines(organization, since), "deadline_at", "task")]
    found = {"message": 0, "task": 0}
    for kind, at, zone, hours in parts[0].union(parts[1], all=True).order_by():
        found[kind] += outside_working_hours(at, time_zone=zone, working_hours=hours)
    return found["message"], found["task"]


def _latest(queryset, moment: str, kind: str):
    # SQLite takes no LIMIT inside a UNION's parts: each part is its latest rows' ids in a subquery.
    latest = queryset.order_by(f"-{moment}").values("pk")[:OFF_HOURS_ROWS]
    rows = queryset.model.objects.filter(pk__in=latest).annotate(kind=Value(kind)).order_by()
    return rows.values_list("kind", moment, "contractor__time_zone", "contractor__working_hours")


def _engagements(organization, areas) -> list[Engagement]:
    """The active engagements and those of the areas' contractors, with their contractors and
    vetting counts, by the contractor's name (the utilization's order): one query."""
    in_areas = {share.contractor_id for area in areas.values() for share in area.shares}
    return list(
        Engagement.objects.filter(organization=organization)
        .filter(Q(status=EngagementStatus.ACTIVE) | Q(contractor_id__in=in_areas))
        .select_related("contractor")
        .annotate(**vetting_counts(organization=organization))
        .order_by("contractor__name", "pk")
    )


def _use(organization, today: date, now: datetime) -> dict:
    """The vetting, utilization and consolidation findings, as counts: the contractors' weeks read
    once for both (their own selectors' rules, `utilization_from_weeks`, `consolidation_advise`)."""
    areas = consolidation_areas(organization=organization, today=today)
    policy = vetting_policy_get(organization=organization)
    engagements = _engagements(organization, areas)
    active = [e for e in engagements if e.status == EngagementStatus.ACTIVE]
    weeks = weeks_for_contractors([e.contractor for e in active], today=today, now=now, organization_id=organization.pk)
    rows = utilization_from_weeks(active, today=today, weeks=weeks).rows
    measured = [row for row in rows if row.current.capacity_minutes > 0 or row.state == "over"]
    by_contractor = {e.contractor_id: e for e in engagements}
    advice = consolidation_advise(
        organization=organization, areas=areas, engagements=by_contractor, today=today, now=now, weeks=weeks
    )
    vetted = (vetting_judge(policy, *(getattr(e, name) for name in VETTING_COUNTS)) for e in active)
    return {
        "vetted_contractors": sum(1 for result in vetted if result.passed),
        "measured_contractors": len(measured),
        "under_used": sum(1 for row in measured if row.state == "under"),
        "over_booked": sum(1 for row in measured if row.state == "over"),
        "areas": len(advice.areas),
        "areas_spread": sum(1 for area in advice.areas if area.suggestion is not None),
    }


def health_facts(*, organization, today: date, now: datetime) -> HealthFacts:
    """The organization's facts over the last WINDOW_DAYS (and what is open now), in at most
    QUERIES queries whatever their number: the counts in one, the off-hours messages and deadlines
    in one, the consolidation areas, the vetting policy, the engagements (with their vetting
    counts), the contractors' weeks in two, and the trust scores of the contractors of areas with
    several (none when there is no such area)."""
    since = now - timedelta(days=WINDOW_DAYS)
    figures = _figures(organization, today, now, since)
    figures["review_latency_minutes"] = round(figures["review_latency_minutes"])
    figures["rating_average_tenths"] = round(figures["rating_average_tenths"])
    messages_off_hours, deadlines_off_hours = _off_hours(organization, since)
    return HealthFacts(
        **figures,
        **_use(organization, today, now),
        messages_off_hours=messages_off_hours,
        deadlines_off_hours=deadlines_off_hours,
        duplicate_detector=any(name in ACTIONS for name in DUPLICATE_ACTIONS),
    )


HISTORY_MONTHS = 12


def health_history(*, organization, months: int = HISTORY_MONTHS) -> list[HealthSnapshot]:
    """The organization's latest monthly snapshots, oldest first: one query."""
    rows = list(HealthSnapshot.objects.filter(organization=organization).order_by("-month")[:months])
    return rows[::-1]
