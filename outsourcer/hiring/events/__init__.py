"""Audit actions of the hiring domain, one module per area, and how each reads on the activity page."""

from outsourcer.hiring.events.award import *  # noqa: F403
from outsourcer.hiring.events.policy import *  # noqa: F403
