"""Oversight's periodic jobs, collected by `manage.py scheduler` (lib/hooks.py).

`review_reminders` reminds the owners and managers of hand-overs waiting too long for review; each
is claimed with a conditional UPDATE, so two workers send it once (services/review_reminders.py).
"""

from django.tasks import task

from outsourcer.oversight.services.review_reminders import review_reminders_send


@task
def review_reminders() -> dict[str, int]:
    """Remind of hand-overs waiting for review longer than the organization's working days allow."""
    return {"sent": review_reminders_send()}


# Enqueued by `manage.py scheduler` every round.
PERIODIC_JOBS: list = [review_reminders]
