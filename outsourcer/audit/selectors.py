"""Reads of the audit trail for the activity page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from outsourcer.audit.actions import action_label, override_actions
from outsourcer.audit.models import Event

if TYPE_CHECKING:  # annotations only: audit and notifications sit below accounts
    from outsourcer.accounts.models import Organization


@dataclass(frozen=True)
class EventFilters:
    since: datetime | None = None
    until: datetime | None = None
    actor_id: int | None = None
    system_only: bool = False
    action: str = ""
    object_type: str = ""
    object_id: str = ""
    q: str = ""
    overrides_only: bool = False


def event_list_for_organization(*, organization: Organization, filters: EventFilters) -> QuerySet[Event]:
    """The organization's events matching `filters`, newest first, with their actors joined."""
    # The organization is joined for the currency its events' amounts are in.
    events = Event.objects.filter(organization=organization).select_related("actor", "organization")
    if filters.since is not None:
        events = events.filter(created_at__gte=filters.since)
    if filters.until is not None:
        events = events.filter(created_at__lt=filters.until)
    if filters.actor_id is not None:
        events = events.filter(actor_id=filters.actor_id)
    elif filters.system_only:
        events = events.filter(actor=None)
    if filters.action:
        events = events.filter(action=filters.action)
    if filters.object_type:
        events = events.filter(object_type=filters.object_type, object_id=filters.object_id)
    if filters.overrides_only:
        # Declared overrides only: a rejection or a reversal has a reason too, but overrides no guard.
        events = events.filter(action__in=override_actions())
    if filters.q:
        events = events.filter(Q(object_repr__icontains=filters.q) | Q(reason__icontains=filters.q))
    return events.order_by("-created_at", "-id")


def event_filter_choices_for_organization(
    *, organization: Organization, since: datetime | None, until: datetime | None, actor_id: int | None, action: str
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(actor choices, action choices) for the filters: who acted and what happened in the period,
    in one query, plus the currently chosen ones so a choice never vanishes from its own list."""
    events = Event.objects.filter(organization=organization)
    if since is not None:
        events = events.filter(created_at__gte=since)
    if until is not None:
        events = events.filter(created_at__lt=until)
    # order_by() drops the model's default ordering, which would add created_at to the DISTINCT.
    rows = events.order_by().values_list("action", "actor_id", "actor__name", "actor__email").distinct()
    actors: dict[int, str] = {}
    actions: set[str] = set()
    for row_action, row_actor_id, name, email in rows:
        actions.add(row_action)
        if row_actor_id is not None:
            actors[row_actor_id] = name or email
    if actor_id is not None and actor_id not in actors:
        chosen = (
            get_user_model()
            .objects.filter(pk=actor_id, event__organization=organization)
            .values("name", "email")
            .first()
        )
        if chosen is not None:
            actors[actor_id] = chosen["name"] or chosen["email"]
    if action:
        actions.add(action)
    actor_choices = sorted(((str(pk), label) for pk, label in actors.items()), key=lambda c: c[1].lower())
    action_choices = sorted(((a, action_label(a)) for a in actions), key=lambda c: c[1])
    return actor_choices, action_choices


def event_list_recent_for_organization(*, organization: Organization, limit: int = 5) -> list[Event]:
    events = Event.objects.filter(organization=organization).select_related("actor", "organization")
    return list(events.order_by("-created_at")[:limit])


def event_list_of_actions_since(*, organization: Organization, actions: list[str], since: datetime) -> QuerySet[Event]:
    """The organization's events of these actions since `since`, newest first, with their actors."""
    events = Event.objects.filter(organization=organization, action__in=actions, created_at__gte=since)
    return events.select_related("actor", "organization").order_by("-created_at", "-id")
