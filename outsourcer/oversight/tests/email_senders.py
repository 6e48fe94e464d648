"""How to make the product send oversight's feedback e-mails, for the every-e-mail test
(notifications/tests/test_every_email.py: SENDERS). The hand-over is inserted as it stands after an
acceptance, so the only e-mail sent inside the test is the one under test."""

from datetime import timedelta

from outsourcer.oversight.models import Deliverable, DeliverableStatus, DeliverableVersion, Review, ReviewDecision
from outsourcer.oversight.services import feedback_give
from outsourcer.oversight.services.feedback_reminders import feedback_reminders_plan, feedback_reminders_send
from outsourcer.testing.builders import NOW
from outsourcer.testing.work import make_task


def accepted_handover(personas, title: str) -> Deliverable:
    """Carol's work on a done task, accepted by Alice at the builders' NOW."""
    task = make_task(personas, title=title)
    task.status, task.sent_at, task.accepted_at, task.submitted_at, task.done_at = "done", NOW, NOW, NOW, NOW
    task.save()
    deliverable = Deliverable.objects.create(
        organization=task.organization,
        task=task,
        contractor=task.contractor,
        title=title,
        status=DeliverableStatus.ACCEPTED,
        submitted_at=NOW,
        decided_at=NOW,
        accepted_at=NOW,
    )
    version = DeliverableVersion.objects.create(
        organization=task.organization, deliverable=deliverable, contractor=task.contractor, number=1, submitted_at=NOW
    )
    Review.objects.create(
        organization=task.organization,
        deliverable=deliverable,
        version=version,
        contractor=task.contractor,
        decision=ReviewDecision.ACCEPT,
        reviewer=personas.alice,
        decided_at=NOW,
        latency_minutes=0,
    )
    return deliverable


def feedback_senders(awkward: str) -> dict:
    def feedback_received(personas, client):
        deliverable = accepted_handover(personas, awkward)
        feedback_give(
            deliverable=deliverable, actor=personas.alice, quality=5, timeliness=4, communication=5, comment=awkward
        )

    def feedback_reminder(personas, client):
        accepted_handover(personas, awkward)
        feedback_reminders_plan(now=NOW + timedelta(days=3))
        feedback_reminders_send(now=NOW + timedelta(days=3))

    return {"feedback_received.txt": feedback_received, "feedback_reminder.txt": feedback_reminder}
