"""Audit actions of the hiring domain, one module per area, and how each reads on the activity page."""

from outsourcer.hiring.events.interviews import *  # noqa: F403
