"""Demo rows of oversight (`manage.py demo`, lib/demo_context.py): each area loads its own, after
work's demo (its tasks, contracts and people)."""

from outsourcer.lib.demo_context import DemoContext
from outsourcer.oversight import demo_deliverables, demo_feedback, demo_utilization

LOGINS: list = []


def load(context: DemoContext) -> None:
    demo_deliverables.load(context)
    demo_feedback.load(context)
    demo_utilization.load(context)
