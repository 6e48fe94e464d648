"""The Health Check's monthly snapshot (docs/health.md): the worker records each organization's
scores once per month, for the trend. The unique constraint (organization, month) is the claim:
a second worker, or a second run in the same month, writes nothing."""

from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef

from outsourcer.accounts.models import Organization
from outsourcer.lib.timezones import date_in
from outsourcer.oversight.health import health_score
from outsourcer.oversight.models import HealthSnapshot
from outsourcer.oversight.selectors.health import health_facts


def month_of(day: date) -> date:
    return day.replace(day=1)


def health_snapshot_take(*, organization: Organization, now: datetime) -> HealthSnapshot | None:
    """Record this month's scores (the month in the organization's time zone), unless a snapshot
    of the month exists already; None then."""
    today = date_in(now, organization.time_zone)
    month = month_of(today)
    if HealthSnapshot.objects.filter(organization=organization, month=month).exists():
        return None
    report = health_score(health_facts(organization=organization, today=today, now=now))
    try:
        with transaction.atomic():
            return HealthSnapshot.objects.create(
                organization=organization,
                month=month,
                scores={score.key: score.score for score in report.scores},
                overall=report.overall,
                created_at=now,
            )
    except IntegrityError:  # another worker took this month's snapshot first
        return None


def health_snapshots_take(*, now: datetime) -> int:
    """Snapshot every open organization that has none for its current month; the count written."""
    # Organizations with this UTC month's snapshot are done; the others are checked in their zone.
    done = HealthSnapshot.objects.filter(organization=OuterRef("pk"), month=month_of(now.date()))
    pending = Organization.objects.filter(closed_at__isnull=True).exclude(Exists(done)).order_by("pk")
    taken = 0
    for organization in pending.iterator():
        taken += health_snapshot_take(organization=organization, now=now) is not None
    return taken
