"""Engagement status transitions: the one table that says which moves are legal."""

from outsourcer.contractors.models import EngagementStatus as S

ENGAGEMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    S.PROSPECT: frozenset({S.VETTING, S.ACTIVE, S.ENDED}),
    S.VETTING: frozenset({S.ACTIVE, S.PROSPECT, S.ENDED}),
    S.ACTIVE: frozenset({S.PAUSED, S.ENDED}),
    S.PAUSED: frozenset({S.ACTIVE, S.ENDED}),
    S.ENDED: frozenset({S.ACTIVE}),
}

ILLEGAL_TRANSITION = "An engagement cannot move from {current} to {target}."


def allowed_targets(status: str) -> list[str]:
    return [s for s in S.values if s in ENGAGEMENT_TRANSITIONS.get(status, frozenset())]
