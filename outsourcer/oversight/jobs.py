"""Oversight's periodic jobs, collected by `manage.py scheduler` (lib/hooks.py).

`review_reminders` reminds the owners and managers of hand-overs waiting too long for review;
`feedback_reminders` reminds whoever accepted work of the feedback they owe. Each reminder is claimed
with a conditional UPDATE, so two workers send it once (services/review_reminders.py,
services/feedback_reminders.py).
"""

from django.tasks import task

from outsourcer.oversight.services.feedback_reminders import feedback_reminders_plan, feedback_reminders_send
from outsourcer.oversight.services.review_reminders import review_reminders_send


@task
def review_reminders() -> dict[str, int]:
    """Remind of hand-overs waiting for review longer than the organization's working days allow."""
    return {"sent": review_reminders_send()}


@task
def feedback_reminders() -> dict[str, int]:
    """Plan the feedback-owed reminders that became due, then send them."""
    return {"planned": feedback_reminders_plan(), "sent": feedback_reminders_send()}


# Enqueued by `manage.py scheduler` every round.
PERIODIC_JOBS: list = [review_reminders, feedback_reminders]
