"""Demo hand-overs for Crumb & Co. Bakery (`manage.py demo`, see lib/demo_context.py): the submitted
Instagram crops wait for review for six days (past the three-working-day reminder), the sourdough
shoot went back with changes requested, and the Valentine's inbox clean-up was accepted.

Inserted with the models directly, dates relative to now, like work/demo.py: the services stamp
their own clock, and the demo needs history days in the past."""

from datetime import timedelta

from django.utils import timezone

from outsourcer.lib.demo_context import DemoContext
from outsourcer.oversight.models import (
    ChangeReason,
    Deliverable,
    DeliverableStatus,
    DeliverableVersion,
    Review,
    ReviewDecision,
)
from outsourcer.work.models import Task, TaskStatus

# task status → (days since the hand-over, decision or None, reasons, comment, note, link)
HANDOVERS = {
    TaskStatus.SUBMITTED: (6, None, [], "", "All 30 crops, square and 4:5.", "https://drive.example/crumb/march-crops"),
    TaskStatus.IN_PROGRESS: (
        2, ReviewDecision.CHANGES, [ChangeReason.INCOMPLETE, ChangeReason.QUALITY],
        "The reel is missing, and three loaf photos are out of focus.",
        "First 15 photos of the sourdough.", "https://drive.example/crumb/sourdough",
    ),
    TaskStatus.DONE: (
        12, ReviewDecision.ACCEPT, [], "Spotless, thank you!", "Inbox at zero; two open questions listed.", "",
    ),
}  # fmt: skip


def load(context: DemoContext) -> None:
    organization, alice = context.organization, context.people.get("alice")
    now = timezone.now()
    made = 0
    for status, (days, decision, reasons, comment, note, link) in HANDOVERS.items():
        task = Task.objects.filter(organization=organization, status=status).order_by("pk").first()
        if task is None or Deliverable.objects.filter(task=task).exists():
            continue
        submitted = now - timedelta(days=days)
        decided = submitted + timedelta(hours=5) if decision else None
        deliverable = Deliverable.objects.create(
            organization=organization,
            task=task,
            contractor_id=task.contractor_id,
            title=task.title,
            status={
                None: DeliverableStatus.SUBMITTED,
                ReviewDecision.CHANGES: DeliverableStatus.CHANGES_REQUESTED,
                ReviewDecision.ACCEPT: DeliverableStatus.ACCEPTED,
            }[decision],
            created_at=submitted,
            submitted_at=submitted,
            decided_at=decided,
            accepted_at=decided if decision == ReviewDecision.ACCEPT else None,
        )
        version = DeliverableVersion.objects.create(
            organization=organization,
            deliverable=deliverable,
            contractor_id=task.contractor_id,
            number=1,
            note=note,
            links=[link] if link else [],
            submitted_by=task.contractor.user,
            submitted_at=submitted,
        )
        if decision:
            Review.objects.create(
                organization=organization,
                deliverable=deliverable,
                version=version,
                contractor_id=task.contractor_id,
                decision=decision,
                reasons=[str(reason) for reason in reasons],
                comment=comment,
                reviewer=alice,
                decided_at=decided,
                latency_minutes=5 * 60,
            )
        made += 1
    if made:
        context.loaded.append(f"{made} hand-overs (one waiting for review)")
