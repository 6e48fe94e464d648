"""Periodic jobs of the work domain, run by the worker (`manage.py scheduler` enqueues them).

`task_reminders` plans the reminders that became due, then sends those whose time has come; every
row is claimed with a conditional UPDATE, so two workers or a restart send each once
(services/reminders.py says what happens to a run that dies halfway).
"""

from django.tasks import task

from outsourcer.work.services.reminders import reminders_plan, reminders_send


@task
def task_reminders() -> dict[str, int]:
    """Plan the due reminders, then send the ones whose time has come."""
    return {"planned": reminders_plan(), "sent": reminders_send()}


# Enqueued by `manage.py scheduler` every round.
PERIODIC_JOBS = [task_reminders]
