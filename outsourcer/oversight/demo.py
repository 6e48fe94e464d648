"""Demo rows of oversight (`manage.py demo`, lib/demo_context.py): each area loads its own."""

from outsourcer.lib.demo_context import DemoContext
from outsourcer.oversight import demo_deliverables, demo_utilization

LOGINS: list = []


def load(context: DemoContext) -> None:
    demo_deliverables.load(context)
    demo_utilization.load(context)
