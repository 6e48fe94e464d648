"""API: contracts, milestones and time entries.

`router` (mounted at /contracts) and `time_router` (/time-entries) serve organization members:
reading needs "contract.view" (every role), creating and closing contracts "contract.manage",
accepting milestones "milestone.accept", reviewing time "time.review" (owners, managers).
Guards answer 409 with `details`; only owners ("contract.override", "time.override") pass them,
by repeating the request with an `override_reason`.

`portal_router` (/portal) serves the contractor's own work across organizations: their non-draft
contracts (their terms only — never the budget, its figures or the exchange rate) and their time
entries, which they create and edit until reviewed.
"""

from outsourcer.contracts.api.contracts import router
from outsourcer.contracts.api.portal import portal_router
from outsourcer.contracts.api.time_entries import time_router

__all__ = ["portal_router", "router", "time_router"]
