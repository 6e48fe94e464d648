"""Contract, milestone and time-entry status transitions: one table each, asked before every
status write (see lib/transitions.py)."""

from outsourcer.contracts.models import ContractStatus, MilestoneStatus, TimeEntryStatus
from outsourcer.lib.transitions import Flow

ALREADY_REVIEWED = "This time entry has already been reviewed."
ALREADY_ACCEPTED = "This milestone has already been accepted."

CONTRACT_FLOW = Flow.from_targets(
    entity="contract",
    choices=ContractStatus.choices,
    targets={
        ContractStatus.DRAFT: (ContractStatus.ACTIVE, ContractStatus.ENDED),
        ContractStatus.ACTIVE: (ContractStatus.COMPLETED, ContractStatus.ENDED),
    },
)

MILESTONE_FLOW = Flow(
    entity="milestone",
    labels=dict(MilestoneStatus.choices),
    moves={(MilestoneStatus.PENDING, "accept"): MilestoneStatus.ACCEPTED},
    message=ALREADY_ACCEPTED,
    code="already_accepted",
)

# A submitted entry may be edited (it stays submitted) until it is reviewed, once; correcting a
# rejected entry submits it again for review. Approved time is final (it posted spend).
TIME_ENTRY_FLOW = Flow(
    entity="time entry",
    labels=dict(TimeEntryStatus.choices),
    moves={
        (TimeEntryStatus.SUBMITTED, "edit"): TimeEntryStatus.SUBMITTED,
        (TimeEntryStatus.SUBMITTED, "approve"): TimeEntryStatus.APPROVED,
        (TimeEntryStatus.SUBMITTED, "reject"): TimeEntryStatus.REJECTED,
        (TimeEntryStatus.REJECTED, "edit"): TimeEntryStatus.SUBMITTED,
        (TimeEntryStatus.SUBMITTED, "delete"): "deleted",
        (TimeEntryStatus.REJECTED, "delete"): "deleted",
    },
    message=ALREADY_REVIEWED,
    code="already_reviewed",
)


def allowed_targets(status: str) -> list[str]:
    return CONTRACT_FLOW.targets(status)
