"""Periodic jobs of the hiring domain, run by the worker (`manage.py scheduler` enqueues them).

Every job is idempotent: each row it acts on is claimed with a conditional UPDATE, so running a
job twice, on two workers at once, or again after a crash acts on each row once.
"""

from django.tasks import task

from outsourcer.hiring.services.references import reference_expire, reference_remind


@task
def references_remind_and_expire() -> dict[str, int]:
    """Close the reference requests whose link expired, then send the one reminder that is due."""
    return {"expired": reference_expire(), "reminded": reference_remind()}


# Enqueued by `manage.py scheduler` every round.
PERIODIC_JOBS = [references_remind_and_expire]
