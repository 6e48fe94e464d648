"""One status move of a task: lock the row, ask the table, write the status and its fields, record
the event. Every status service goes through `task_move`."""

from collections.abc import Callable
from typing import Any

from django.db import transaction

from outsourcer.audit.events import Action, event_record
from outsourcer.work.flows import TASK_FLOW
from outsourcer.work.models import Task
from outsourcer.work.services.similar import task_index

TASK_RELATED = (
    "organization",
    "contract",
    "contractor",
    "contractor__user",
    "engagement",
    "created_by",
    "point_of_contact",
)


def task_lock(task: Task) -> Task:
    # Only the task row is locked (its nullable people are outer joins, which PostgreSQL cannot lock).
    return Task.objects.select_for_update(of=("self",)).select_related(*TASK_RELATED).get(pk=task.pk)


def task_move(
    task: Task,
    *,
    action: str,
    event: Action,
    actor: Any,
    fields: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
    check: Callable[[Task], None] | None = None,
    then: Callable[[Task], None] | None = None,
) -> Task:
    """Move `task` by `action` (IllegalTransition when the table has no such move), set `fields`,
    record `event` with the contractor's name, run `then` (notifications) in the same transaction."""
    with transaction.atomic():
        locked = task_lock(task)
        before = locked.status
        locked.status = TASK_FLOW.next(before, action)
        if check is not None:
            check(locked)
        for name, value in (fields or {}).items():
            setattr(locked, name, value)
        locked.save()
        # A task that closes stays in the similar-work index as recent work for 90 days.
        task_index(locked)
        event_record(
            action=event,
            organization=locked.organization,
            actor=actor,
            obj=locked,
            before={"status": before},
            after={"status": locked.status, "contractor": locked.contractor.name, **(after or {})},
            reason=reason,
        )
        if then is not None:
            then(locked)
    return locked
