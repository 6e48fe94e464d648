"""Demo rows for the utilization page (`manage.py demo`, called by oversight/demo.py): Carol takes
on a big catalogue shoot due in six days on top of her other Crumb & Co. tasks, which books her
past her 30 hours a week; Marcus and the others with little or no work show as under-used."""

from datetime import timedelta

from django.utils import timezone

from outsourcer.contracts.models import Contract
from outsourcer.lib.demo_context import DemoContext
from outsourcer.lib.timezones import next_working_moment
from outsourcer.work.models import Task, TaskStatus

ESTIMATE_MINUTES = 40 * 60


def load(context: DemoContext) -> None:
    organization, people = context.organization, context.people
    engagement = people.get("carol_engagement")
    contract = Contract.objects.filter(organization=organization, engagement=engagement).order_by("pk").first()
    if contract is None:
        return
    now = timezone.now()
    contractor = engagement.contractor
    # Inserted like work/demo.py's tasks: the services would stamp today's clock on every step.
    Task.objects.create(
        organization=organization,
        contract=contract,
        contractor=engagement.contractor,
        engagement=engagement,
        title="Spring catalogue shoot",
        goal="Every product of the spring range photographed for the printed catalogue.",
        deliverables="60 edited photos, 300 dpi TIFF.",
        acceptance_criteria=["Approved by Alice"],
        deadline_at=next_working_moment(now + timedelta(days=6), contractor.time_zone, contractor.working_hours),
        estimate_minutes=ESTIMATE_MINUTES,
        status=TaskStatus.ACCEPTED,
        point_of_contact=people["bob"],
        sent_at=now - timedelta(days=3),
        accepted_at=now - timedelta(days=2),
        created_by=people["alice"],
        created_at=now - timedelta(days=3),
    )
    context.loaded.append("an over-booked contractor on the utilization page")
