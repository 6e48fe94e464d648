"""Deliverable status transitions: one table, asked before every status write (lib/transitions.py).

submitted → accepted, or → changes requested → (a new version) → submitted again.
"""

from outsourcer.lib.transitions import Flow
from outsourcer.oversight.models import DeliverableStatus

S = DeliverableStatus
ACCEPT, REQUEST_CHANGES, RESUBMIT = "accept", "request_changes", "resubmit"

DELIVERABLE_FLOW = Flow(
    entity="deliverable",
    labels=dict(DeliverableStatus.choices),
    moves={
        (S.SUBMITTED, ACCEPT): S.ACCEPTED,
        (S.SUBMITTED, REQUEST_CHANGES): S.CHANGES_REQUESTED,
        (S.CHANGES_REQUESTED, RESUBMIT): S.SUBMITTED,
    },
    phrases={
        ACCEPT: "be accepted",
        REQUEST_CHANGES: "get a request for changes",
        RESUBMIT: "be handed over again",
    },
)
