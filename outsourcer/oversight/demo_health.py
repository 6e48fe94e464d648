"""Demo rows for the Outsourcing Health Check (`manage.py demo`): three contractors' ratings of
Crumb & Co. (so the rating part shows, from three on) and the snapshots of the four months before
this one (so the trend shows). The current scores come from the rest of the demo's rows: mixed,
by design — a budget override, an unanswered question, tasks without check-ins."""

from datetime import date

from django.utils import timezone

from outsourcer.lib.demo_context import DemoContext
from outsourcer.lib.timezones import date_in
from outsourcer.oversight.models import HealthSnapshot, OrganizationRating
from outsourcer.work.models import Task

# (months back, overall, scores): the business getting better, with a dip.
SNAPSHOTS = [
    (4, 46, {"budget": 55, "choosing": 40, "using": 60, "communication": 45, "monitoring": 30}),
    (3, 54, {"budget": 70, "choosing": 45, "using": 64, "communication": 55, "monitoring": 36}),
    (2, 61, {"budget": 80, "choosing": 52, "using": 68, "communication": 60, "monitoring": 45}),
    (1, 58, {"budget": 65, "choosing": 56, "using": 68, "communication": 58, "monitoring": 43}),
]
RATINGS = [(4, 5, 5), (3, 4, 4), (4, 3, 5)]  # brief clarity, responsiveness, payment timeliness


def months_back(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 - count
    return date(index // 12, index % 12 + 1, 1)


def load(context: DemoContext) -> None:
    organization = context.organization
    # The feedback demo may have rated the bakery already: three ratings are enough to show.
    missing = max(len(RATINGS) - OrganizationRating.objects.filter(organization=organization).count(), 0)
    tasks = Task.objects.filter(organization=organization).exclude(sent_at=None).order_by("pk")[:missing]
    for task, (clarity, responsiveness, payment) in zip(tasks, RATINGS, strict=False):
        OrganizationRating.objects.create(
            organization=organization,
            task=task,
            contractor=task.contractor,
            brief_clarity=clarity,
            responsiveness=responsiveness,
            payment_timeliness=payment,
        )
    this_month = date_in(timezone.now(), organization.time_zone).replace(day=1)
    HealthSnapshot.objects.bulk_create(
        HealthSnapshot(organization=organization, month=months_back(this_month, back), scores=scores, overall=overall)
        for back, overall, scores in SNAPSHOTS
    )
    context.loaded.append("four months of Health Check snapshots")
