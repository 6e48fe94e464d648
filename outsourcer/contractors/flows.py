"""Engagement status transitions: the one table that says which moves are legal."""

from outsourcer.contractors.models import EngagementStatus as S
from outsourcer.lib.transitions import Flow

ENGAGEMENT_FLOW = Flow.from_targets(
    entity="engagement",
    choices=S.choices,
    targets={
        S.PROSPECT: (S.VETTING, S.ACTIVE, S.ENDED),
        S.VETTING: (S.ACTIVE, S.PROSPECT, S.ENDED),
        S.ACTIVE: (S.PAUSED, S.ENDED),
        S.PAUSED: (S.ACTIVE, S.ENDED),
        S.ENDED: (S.ACTIVE,),
    },
)


def allowed_targets(status: str) -> list[str]:
    return ENGAGEMENT_FLOW.targets(status)
