"""Oversight's periodic jobs, collected by `manage.py scheduler` (lib/hooks.py).

`health_snapshots` records each organization's Health Check once a month (services/health.py);
the unique constraint per organization and month makes a second run, or a second worker, a no-op.
"""

from django.tasks import task
from django.utils import timezone

from outsourcer.oversight.services.health import health_snapshots_take


@task
def health_snapshots() -> dict[str, int]:
    """Take the month's Health Check snapshot of every organization that has none yet."""
    return {"taken": health_snapshots_take(now=timezone.now())}


PERIODIC_JOBS: list = [health_snapshots]
