"""Oversight's periodic jobs, collected by `manage.py scheduler` (lib/hooks.py).

`review_reminders` reminds the owners and managers of hand-overs waiting too long for review;
`feedback_reminders` reminds whoever accepted work of the feedback they owe. Each reminder is claimed
with a conditional UPDATE, so two workers send it once (services/review_reminders.py,
services/feedback_reminders.py). `health_snapshots` records each organization's Health Check once a
month (services/health.py); the unique constraint per organization and month makes a second run,
or a second worker, a no-op.
"""

from django.tasks import task
from django.utils import timezone

from outsourcer.oversight.services.feedback_reminders import feedback_reminders_plan, feedback_reminders_send
from outsourcer.oversight.services.health import health_snapshots_take
from outsourcer.oversight.services.review_reminders import review_reminders_send


@task
def review_reminders() -> dict[str, int]:
    """Remind of hand-overs waiting for review longer than the organization's working days allow."""
    return {"sent": review_reminders_send()}


@task
def feedback_reminders() -> dict[str, int]:
    """Plan the feedback-owed reminders that became due, then send them."""
    return {"planned": feedback_reminders_plan(), "sent": feedback_reminders_send()}


@task
def health_snapshots() -> dict[str, int]:
    """Take the month's Health Check snapshot of every organization that has none yet."""
    return {"taken": health_snapshots_take(now=timezone.now())}


# Enqueued by `manage.py scheduler` every round.
PERIODIC_JOBS: list = [review_reminders, feedback_reminders, health_snapshots]
