"""Record audit events. Each domain declares its kinds of event as `Action` constants in its own
`events.py` (name, activity-page label and how its payload reads, together); services pass one of
them to `event_record`."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from outsourcer.audit.models import Event


@dataclass(frozen=True)
class Action:
    """One kind of audit event: the stored name (`<entity>_<past participle>`) and how the activity
    page reads it after the actor's name ("Alice *created a budget*"). `describe` turns one event's
    payload (an audit.actions.Entry) into the whole phrase after the name ("Alice *raised the
    hourly rate of “Logo” from €40.00 to €45.00*"); `override` marks a guard overridden with a
    reason, which the activity page's "Overrides only" lists."""

    name: str
    label: str
    override: bool = False
    describe: Callable[[Any], str] | None = field(default=None, compare=False, repr=False)

    def __str__(self) -> str:
        return self.name


ACTIONS: dict[str, Action] = {}


def action(name: str, label: str, *, override: bool = False, describe: Callable[[Any], str] | None = None) -> Action:
    """Declare an action (in a domain's `events.py`); the activity page finds its wording here."""
    declared = Action(name, label, override, describe)
    if ACTIONS.setdefault(name, declared) != declared:
        raise ValueError(f"The audit action {name!r} is declared twice with different labels.")
    return declared


def event_record(
    *,
    action: Action | str,
    organization=None,
    actor=None,
    obj: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
) -> Event:
    """Append one audit row; call inside the service's transaction so it commits with the change.
    App code passes a domain's `Action`; a bare name is for tests of the audit pages only."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return Event.objects.create(
        organization=organization,
        actor=actor,
        action=str(action),
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        before=before,
        after=after,
        reason=reason,
    )
