"""`manage.py scheduler [--once] [--interval 60]`: enqueue the periodic budget jobs.

The scheduler only enqueues; the worker (`manage.py db_worker`) runs them. Jobs are idempotent
(see budgets/jobs.py), so two schedulers or a restart mid-interval do no harm.
"""

import time

from django.core.management.base import BaseCommand

from outsourcer.budgets.jobs import budget_alerts_sweep, retainer_fees_post_task

PERIODIC_TASKS = (retainer_fees_post_task, budget_alerts_sweep)


class Command(BaseCommand):
    help = "Enqueue the periodic jobs (retainer fees, budget alert sweep) every --interval seconds."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Enqueue once and exit.")
        parser.add_argument("--interval", type=int, default=60, help="Seconds between rounds (default 60).")

    def handle(self, *args, once: bool = False, interval: int = 60, **options):
        interval = max(1, interval)
        try:
            while True:
                for periodic in PERIODIC_TASKS:
                    result = periodic.enqueue()
                    if options["verbosity"] > 1:
                        self.stdout.write(f"enqueued {periodic.name} ({result.id})")
                if once:
                    return
                time.sleep(interval)
        except KeyboardInterrupt:
            self.stdout.write("scheduler stopped")
