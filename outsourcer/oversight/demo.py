"""Demo rows of oversight (`manage.py demo`, lib/demo_context.py): each area loads its own."""

from outsourcer.lib.demo_context import DemoContext
from outsourcer.oversight import demo_health

LOGINS: list = []


def load(context: DemoContext) -> None:
    demo_health.load(context)
