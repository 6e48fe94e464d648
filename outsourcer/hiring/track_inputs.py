"""The track record's built-in inputs: the completed work that exists today (track_record.py says
what each one counts). HiringConfig.ready registers BUILT_IN_INPUTS."""

import zoneinfo
from datetime import timedelta

from django.db.models import (
    CharField,
    Count,
    DateTimeField,
    Exists,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce, TruncDate
from django.utils import timezone

from outsourcer.audit.models import Event
from outsourcer.contracts.models import Milestone, MilestoneStatus, RateModel, TimeEntry, TimeEntryStatus
from outsourcer.hiring.track_record import FIRST_TIME, ON_TIME, RESPONSE, RESPONSE_OPEN_HOURS, TrackInput, tally_query
from outsourcer.messaging.models import Message


class HoursBetween(Func):
    """end − start in hours (a float), for two moments."""

    output_field = FloatField()
    arity = 2

    def __init__(self, start, end):
        super().__init__(end, start)

    def as_sql(self, compiler, connection, **extra):
        template = "(EXTRACT(EPOCH FROM (%(expressions)s)) / 3600.0)"
        return super().as_sql(compiler, connection, template=template, arg_joiner=" - ", **extra)

    def as_sqlite(self, compiler, connection, **extra):
        template = "((julianday(%(expressions)s)) * 24.0)"
        return super().as_sql(compiler, connection, template=template, arg_joiner=") - julianday(", **extra)


def on_time_source(*, organization, contractor_ids) -> QuerySet:
    """Accepted milestones of fixed-price contracts, and how many on or before their due date (in
    the organization's calendar), by the quarter they were due."""
    zone = zoneinfo.ZoneInfo(organization.time_zone)
    rows = Milestone.objects.filter(
        organization=organization,
        contract__contractor_id__in=contractor_ids,
        contract__rate_model=RateModel.FIXED,
        status=MilestoneStatus.ACCEPTED,
    ).annotate(accepted_on=TruncDate("accepted_at", tzinfo=zone))
    return tally_query(
        rows,
        contractor=F("contract__contractor_id"),
        quarter=F("due_on"),
        count=Count("id"),
        total=Count("id", filter=Q(accepted_on__lte=F("due_on"))),
    )


def first_time_source(*, organization, contractor_ids) -> QuerySet:
    """Reviewed time entries (approved or rejected), and how many were approved without a
    `time_entry_rejected` event ever recorded for them, by the quarter they were worked."""
    rejected = Event.objects.filter(
        organization=organization,
        action="time_entry_rejected",
        object_type=TimeEntry._meta.label_lower,
        object_id=Cast(OuterRef("pk"), CharField()),
    )
    rows = TimeEntry.objects.filter(
        organization=organization,
        contractor_id__in=contractor_ids,
        status__in=[TimeEntryStatus.APPROVED, TimeEntryStatus.REJECTED],
    ).annotate(was_rejected=Exists(rejected))
    return tally_query(
        rows,
        contractor=F("contractor_id"),
        quarter=F("worked_on"),
        count=Count("id"),
        total=Count("id", filter=Q(status=TimeEntryStatus.APPROVED, was_rejected=False)),
    )


def response_source(*, organization, contractor_ids) -> QuerySet:
    """One row per question the organization asked in a job's Q&A thread: the hours until the
    contractor's next message, by the quarter it was asked. The clock starts when it reached them
    (`deliver_at`: a question held for their working window is not waiting on them overnight).
    Only the first of several questions in a row counts; one unanswered for RESPONSE_OPEN_HOURS
    counts as waiting so far, one asked more recently is not judged yet."""
    zone = zoneinfo.ZoneInfo(organization.time_zone)
    now = timezone.now()
    thread = Message.objects.filter(job_id=OuterRef("job_id"), contractor_id=OuterRef("contractor_id"))
    before = Q(created_at__lt=OuterRef("created_at")) | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
    previous = thread.filter(before).order_by("-created_at", "-pk").values("from_contractor")[:1]
    reply = thread.filter(from_contractor=True, created_at__gt=OuterRef("deliver_at")).order_by("created_at")
    rows = (
        Message.objects.filter(
            organization=organization, contractor_id__in=contractor_ids, job__isnull=False, from_contractor=False
        )
        .annotate(previous_from_contractor=Subquery(previous), reply_at=Subquery(reply.values("created_at")[:1]))
        .filter(Q(previous_from_contractor=True) | Q(previous_from_contractor__isnull=True))
        .filter(Q(reply_at__isnull=False) | Q(deliver_at__lte=now - timedelta(hours=RESPONSE_OPEN_HOURS)))
    )
    answered = Coalesce(F("reply_at"), Value(now, output_field=DateTimeField()))
    return tally_query(
        rows,
        contractor=F("contractor_id"),
        quarter=TruncDate("created_at", tzinfo=zone),
        count=Value(1),
        total=HoursBetween(F("deliver_at"), answered),
        grouped=False,
    )


BUILT_IN_INPUTS = [
    TrackInput(metric=ON_TIME, source=on_time_source),
    TrackInput(metric=FIRST_TIME, source=first_time_source),
    TrackInput(metric=RESPONSE, source=response_source),
]
