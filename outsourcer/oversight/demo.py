"""Oversight's demo rows (`manage.py demo` calls `load`): one module per area, loaded in turn."""

from outsourcer.lib.demo_context import DemoContext
from outsourcer.oversight import demo_feedback


def load(context: DemoContext) -> None:
    demo_feedback.load(context)
