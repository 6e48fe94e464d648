"""Every write of the hiring domain, one module per area; re-exported here."""

from outsourcer.hiring.services.apply import *  # noqa: F403
from outsourcer.hiring.services.bids import *  # noqa: F403
from outsourcer.hiring.services.messages import *  # noqa: F403
