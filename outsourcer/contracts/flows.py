"""Contract status transitions: the one table that says which moves are legal."""

from outsourcer.contracts.models import ContractStatus as S
from outsourcer.lib.errors import DomainError

CONTRACT_TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.ACTIVE, S.ENDED}),
    S.ACTIVE: frozenset({S.COMPLETED, S.ENDED}),
    S.COMPLETED: frozenset(),
    S.ENDED: frozenset(),
}

ILLEGAL_TRANSITION = "The contract is {current}; it cannot become {target}."


def contract_transition_check(current: str, target: str) -> None:
    """Raise DomainError(code="illegal_transition") unless current → target is in the table."""
    if target not in CONTRACT_TRANSITIONS.get(current, frozenset()):
        raise DomainError(
            ILLEGAL_TRANSITION.format(current=S(current).label.lower(), target=S(target).label.lower()),
            field="status",
            code="illegal_transition",
        )


def allowed_targets(status: str) -> list[str]:
    return [s for s in S.values if s in CONTRACT_TRANSITIONS.get(status, frozenset())]
