"""Demo rows of oversight (`manage.py demo`, lib/demo_context.py): each area loads its own, after
work's demo (its tasks, contracts and people); the Health Check's snapshots come last."""

from outsourcer.lib.demo_context import DemoContext
from outsourcer.oversight import demo_deliverables, demo_feedback, demo_health, demo_utilization

LOGINS: list = []


def load(context: DemoContext) -> None:
    demo_deliverables.load(context)
    demo_feedback.load(context)
    demo_utilization.load(context)
    demo_health.load(context)
