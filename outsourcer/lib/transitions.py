"""Status changes as one table per status field: (current status, action) → next status.

A domain declares its table in `flows.py` and asks it before every status write; a move that is not
in the table raises IllegalTransition, the one domain error for it. Where the action is simply the
target status ("engagement: active → paused"), build the table with `Flow.from_targets`; where the
action is a verb ("time entry: submitted --approve--> approved"), list the moves themselves.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from outsourcer.lib.errors import DomainError

ILLEGAL_TRANSITION = "The {entity} is {current}; it cannot {move}."


class IllegalTransition(DomainError):
    """The table has no such move from the current status."""

    def __init__(self, message: str, *, code: str = "illegal_transition"):
        super().__init__(message, field="status", code=code)


@dataclass(frozen=True)
class Flow:
    """`moves` maps (status, action) → next status; `labels` is the status field's value → label
    (TextChoices.choices). `message`/`code` reword the error for a domain whose illegal move has a
    better-known name ("This time entry has already been reviewed.")."""

    entity: str
    labels: Mapping[str, str]
    moves: Mapping[tuple[str, str], str]
    message: str = ILLEGAL_TRANSITION
    code: str = "illegal_transition"
    phrases: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_targets(
        cls, *, entity: str, choices: Iterable[tuple[str, str]], targets: Mapping[str, Iterable[str]], **kw
    ):
        """A table whose actions are the target statuses: {status: {allowed next statuses}}."""
        moves = {(str(current), str(target)): str(target) for current, nexts in targets.items() for target in nexts}
        return cls(entity=entity, labels={str(value): label for value, label in choices}, moves=moves, **kw)

    def allows(self, status: str, action: str) -> bool:
        return (status, action) in self.moves

    def actions(self, status: str) -> list[str]:
        """The actions allowed from `status`, in the order the table lists them."""
        return [action for current, action in self.moves if current == status]

    def targets(self, status: str) -> list[str]:
        """The statuses reachable from `status` in one move, in the status field's own order."""
        reachable = {target for (current, _), target in self.moves.items() if current == status}
        return [value for value in self.labels if value in reachable]

    def next(self, status: str, action: str) -> str:
        """The status `action` leads to from `status`; raises IllegalTransition when there is none."""
        try:
            return self.moves[(status, action)]
        except KeyError:
            raise IllegalTransition(self._message(status, action), code=self.code) from None

    def _message(self, status: str, action: str) -> str:
        current = self.labels.get(status, status).lower()
        if action in self.phrases:
            move = self.phrases[action]
        elif action in self.labels:
            move = f"become {self.labels[action].lower()}"
        else:
            move = action.replace("_", " ")
        return self.message.format(entity=self.entity, current=current, move=move, action=action)
