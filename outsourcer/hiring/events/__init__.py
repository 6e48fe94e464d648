"""Audit actions of the hiring domain, one module per area, and how each reads on the activity page."""

from outsourcer.hiring.events.award import *  # noqa: F403
from outsourcer.hiring.events.bids import *  # noqa: F403
from outsourcer.hiring.events.interviews import *  # noqa: F403
from outsourcer.hiring.events.jobs import *  # noqa: F403
from outsourcer.hiring.events.policy import *  # noqa: F403
from outsourcer.hiring.events.references import *  # noqa: E402,F403
