"""Record audit events. Every domain's `events.py` calls `event_record`."""

from typing import Any

from django.db import models

from outsourcer.audit.models import Event


def event_record(
    *,
    action: str,
    organization=None,
    actor=None,
    obj: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
) -> Event:
    """Append one audit row; call inside the service's transaction so it commits with the change."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return Event.objects.create(
        organization=organization,
        actor=actor,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        before=before,
        after=after,
        reason=reason,
    )
