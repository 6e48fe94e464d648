"""Oversight's evidence for hiring's track record and trust score (hiring/track_record.py,
docs/trust.md), registered by OversightConfig.ready: the average of the organization's feedback
(hiring's RATING part), tasks done by their deadline, and hand-overs accepted at their first
version. Each returns its tally rows unevaluated, grouped by contractor and quarter, so the trust
score still reads all its evidence in one query."""

import zoneinfo

from django.db.models import Count, F, FloatField, Q, QuerySet, Sum, Value
from django.db.models.functions import Cast, TruncDate

from outsourcer.hiring.track_record import RATING, SHARE, Metric, TrackInput, share_text, tally_query
from outsourcer.oversight.models import Deliverable, DeliverableStatus, Feedback
from outsourcer.work.models import Task, TaskStatus

TASK_ON_TIME = Metric(
    "task_on_time", "Tasks with a deadline", SHARE, 15, lambda v: v, share_text("tasks done by their deadline")
)
FIRST_VERSION = Metric(
    "first_version",
    "Accepted hand-overs",
    SHARE,
    10,
    lambda v: v,
    share_text("hand-overs accepted as first handed over"),
)


def _zone(organization) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(organization.time_zone)


def rating_source(*, organization, contractor_ids) -> QuerySet:
    """Each feedback counts once, with the average of its three ratings, by the quarter given."""
    rows = Feedback.objects.filter(organization=organization, contractor_id__in=contractor_ids)
    stars = Cast(Sum(F("quality") + F("timeliness") + F("communication")), FloatField())
    return tally_query(
        rows,
        contractor=F("contractor_id"),
        quarter=TruncDate("created_at", tzinfo=_zone(organization)),
        count=Count("id"),
        total=stars / Value(3.0),
    )


def task_on_time_source(*, organization, contractor_ids) -> QuerySet:
    """Done tasks that had a deadline, and how many were done by it, by the quarter it fell in."""
    rows = Task.objects.filter(
        organization=organization, contractor_id__in=contractor_ids, status=TaskStatus.DONE, deadline_at__isnull=False
    )
    return tally_query(
        rows,
        contractor=F("contractor_id"),
        quarter=TruncDate("deadline_at", tzinfo=_zone(organization)),
        count=Count("id"),
        total=Count("id", filter=Q(done_at__lte=F("deadline_at"))),
    )


def first_version_source(*, organization, contractor_ids) -> QuerySet:
    """Accepted hand-overs, and how many at version 1, by the quarter they were accepted."""
    rows = Deliverable.objects.filter(
        organization=organization, contractor_id__in=contractor_ids, status=DeliverableStatus.ACCEPTED
    )
    return tally_query(
        rows,
        contractor=F("contractor_id"),
        quarter=TruncDate("accepted_at", tzinfo=_zone(organization)),
        count=Count("id"),
        total=Count("id", filter=Q(version=1)),
    )


OVERSIGHT_INPUTS = [
    TrackInput(metric=RATING, source=rating_source),
    TrackInput(metric=TASK_ON_TIME, source=task_on_time_source),
    TrackInput(metric=FIRST_VERSION, source=first_version_source),
]
