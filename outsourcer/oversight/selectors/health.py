"""The facts of the Outsourcing Health Check (oversight/health.py scores them), read from the
organization's own rows in a fixed number of queries whatever their number (docs/health.md)."""

from datetime import date, datetime, timedelta

from django.db.models import Avg, Count, Exists, OuterRef, Q

from outsourcer.audit.events import ACTIONS
from outsourcer.audit.models import Event
from outsourcer.budgets.models import Budget, BudgetAlert
from outsourcer.contractors.models import Engagement, EngagementStatus
from outsourcer.hiring.vetting import vetting_results
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
from outsourcer.work.models import OPEN_STATUSES, CheckInCadence, Message, Task, TaskStatus

UNANSWERED_AFTER = timedelta(days=2)
OVERRIDE_ACTIONS = (*BUDGET_OVERRIDE_ACTIONS, *UNVETTED_ACTIONS, *DUPLICATE_ACTIONS, *BRIEF_OVERRIDE_ACTIONS)


def _events(organization, since: datetime) -> dict[str, int]:
    rows = (
        Event.objects.filter(organization=organization, action__in=OVERRIDE_ACTIONS, created_at__gte=since)
        .order_by()
        .values("action")
        .annotate(n=Count("id"))
        .values_list("action", "n")
    )
    return dict(rows)


def _budgets(organization, today: date, since: datetime) -> tuple[int, int]:
    overrun = BudgetAlert.objects.filter(budget=OuterRef("pk"), threshold__gte=100, created_at__gte=since)
    figures = (
        Budget.objects.filter(organization=organization, starts_on__lte=today)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .order_by()
        .aggregate(n=Count("id"), over=Count("id", filter=Exists(overrun)))
    )
    return figures["n"], figures["over"]


def _contractors(organization) -> tuple[int, int, int]:
    open_tasks = Task.objects.filter(engagement=OuterRef("pk"), status__in=OPEN_STATUSES)
    rows = list(
        Engagement.objects.filter(organization=organization, status=EngagementStatus.ACTIVE)
        .order_by()
        .annotate(busy=Exists(open_tasks))
        .values_list("pk", "busy")
    )
    results = vetting_results(organization=organization, engagement_ids=[pk for pk, _ in rows])
    vetted = sum(1 for result in results.values() if result.passed)
    return len(rows), vetted, sum(1 for _, busy in rows if not busy)


def _tasks(organization, now: datetime, since: datetime) -> dict[str, int]:
    cadence = CheckInCadence.objects.filter(task=OuterRef("pk"))
    missed = cadence.filter(Q(missed_at__isnull=False) | Q(next_due_at__lt=now))
    return (
        Task.objects.filter(organization=organization)
        .order_by()
        .aggregate(
            sent=Count("id", filter=Q(sent_at__gte=since)),
            questions=Count("id", filter=Q(status=TaskStatus.QUESTION)),
            in_progress=Count("id", filter=Q(status=TaskStatus.IN_PROGRESS)),
            watched=Count("id", filter=Q(status=TaskStatus.IN_PROGRESS) & Exists(cadence)),
            missed=Count("id", filter=Q(status=TaskStatus.IN_PROGRESS) & Exists(missed)),
        )
    )


def _monitoring(organization, since: datetime) -> tuple[dict, dict, dict]:
    reviews = Review.objects.filter(organization=organization, decided_at__gte=since).aggregate(
        n=Count("id"), latency=Avg("latency_minutes")
    )
    feedback = Feedback.objects.filter(deliverable=OuterRef("pk"))
    accepted = (
        Deliverable.objects.filter(organization=organization, status=DeliverableStatus.ACCEPTED, accepted_at__gte=since)
        .order_by()
        .aggregate(n=Count("id"), with_feedback=Count("id", filter=Exists(feedback)))
    )
    ratings = OrganizationRating.objects.filter(organization=organization).aggregate(
        n=Count("id"), a=Avg("brief_clarity"), b=Avg("responsiveness"), c=Avg("payment_timeliness")
    )
    return reviews, accepted, ratings


def health_facts(*, organization, today: date, now: datetime) -> HealthFacts:
    """The organization's facts over the last WINDOW_DAYS (and what is open now): 12 queries."""
    since = now - timedelta(days=WINDOW_DAYS)
    events = _events(organization, since)
    budgets, overrun = _budgets(organization, today, since)
    active, vetted, idle = _contractors(organization)
    tasks = _tasks(organization, now, since)
    unanswered = Message.objects.filter(
        organization=organization, from_contractor=True, read_at=None, created_at__lt=now - UNANSWERED_AFTER
    ).count()
    reviews, accepted, ratings = _monitoring(organization, since)
    rated = ratings["n"]
    average = (ratings["a"] + ratings["b"] + ratings["c"]) / 3 if rated else 0
    return HealthFacts(
        budgets=budgets,
        budgets_overrun=overrun,
        budget_overrides=sum(events.get(name, 0) for name in BUDGET_OVERRIDE_ACTIONS),
        active_contractors=active,
        vetted_contractors=vetted,
        unvetted_awards=sum(events.get(name, 0) for name in UNVETTED_ACTIONS),
        idle_contractors=idle,
        duplicate_overrides=sum(events.get(name, 0) for name in DUPLICATE_ACTIONS),
        duplicate_detector=any(name in ACTIONS for name in DUPLICATE_ACTIONS),
        tasks_sent=tasks["sent"],
        tasks_sent_with_override=sum(events.get(name, 0) for name in BRIEF_OVERRIDE_ACTIONS),
        open_questions=tasks["questions"],
        unanswered_messages=unanswered,
        reviews=reviews["n"],
        review_latency_minutes=round(reviews["latency"] or 0),
        accepted_deliverables=accepted["n"],
        accepted_with_feedback=accepted["with_feedback"],
        tasks_in_progress=tasks["in_progress"],
        tasks_with_checkins=tasks["watched"],
        checkins_missed=tasks["missed"],
        ratings=rated,
        rating_average_tenths=round(average * 10),
    )


HISTORY_MONTHS = 12


def health_history(*, organization, months: int = HISTORY_MONTHS) -> list[HealthSnapshot]:
    """The organization's latest monthly snapshots, oldest first: one query."""
    rows = list(HealthSnapshot.objects.filter(organization=organization).order_by("-month")[:months])
    return rows[::-1]
