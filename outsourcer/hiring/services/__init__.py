"""Every write of the hiring domain, one module per area; re-exported here."""

from outsourcer.hiring.services.award import bid_award, bid_award_check  # noqa: F401
from outsourcer.hiring.services.policy import vetting_policy_update  # noqa: F401
