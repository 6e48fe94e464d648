"""Oversight's periodic jobs, collected by `manage.py scheduler` (lib/hooks.py)."""

from django.tasks import task

from outsourcer.oversight.services.feedback_reminders import feedback_reminders_plan, feedback_reminders_send


@task
def feedback_reminders() -> dict[str, int]:
    """Plan the feedback-owed reminders that became due, then send them."""
    return {"planned": feedback_reminders_plan(), "sent": feedback_reminders_send()}


PERIODIC_JOBS: list = [feedback_reminders]
