"""`manage.py scheduler [--once] [--interval 60]`: enqueue every domain's periodic jobs.

Each installed app's `jobs.py` lists its tasks in `PERIODIC_JOBS`; the scheduler only enqueues
them, the worker (`manage.py db_worker`) runs them. Jobs are idempotent (see each jobs.py), so
two schedulers or a restart mid-interval do no harm.
"""

import time

from django.core.management.base import BaseCommand

from outsourcer.lib.hooks import app_modules


def periodic_jobs() -> list:
    """Every installed app's PERIODIC_JOBS, in INSTALLED_APPS order."""
    return [job for module in app_modules("jobs") for job in getattr(module, "PERIODIC_JOBS", ())]


class Command(BaseCommand):
    help = "Enqueue every domain's periodic jobs (jobs.PERIODIC_JOBS) every --interval seconds."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Enqueue once and exit.")
        parser.add_argument("--interval", type=int, default=60, help="Seconds between rounds (default 60).")

    def handle(self, *args, once: bool = False, interval: int = 60, **options):
        interval = max(1, interval)
        jobs = periodic_jobs()
        try:
            while True:
                for periodic in jobs:
                    result = periodic.enqueue()
                    if options["verbosity"] > 1:
                        self.stdout.write(f"enqueued {periodic.name} ({result.id})")
                if once:
                    return
                time.sleep(interval)
        except KeyboardInterrupt:
            self.stdout.write("scheduler stopped")
