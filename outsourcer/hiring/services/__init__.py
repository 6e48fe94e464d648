"""Every write of the hiring domain, one module per area; re-exported here."""

from outsourcer.hiring.services.award import bid_award  # noqa: F401
from outsourcer.hiring.services.policy import vetting_policy_update  # noqa: F401
