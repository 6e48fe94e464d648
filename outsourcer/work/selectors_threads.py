"""Reads of task threads: a thread's messages for each side (the contractor's only once
delivered), one message for its attachment, and the nav's unread counts as scalar subqueries that
home/workspace.py asks in its one statement."""

from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from outsourcer.contractors.models import Contractor
from outsourcer.work.models import Message, Task

THREAD_PAGE = 100


def _messages() -> QuerySet[Message]:
    return Message.objects.select_related("author")


def thread_messages_for_organization(*, task: Task) -> list[Message]:
    """The task's latest messages (up to THREAD_PAGE), oldest first, held ones included."""
    rows = _messages().filter(organization_id=task.organization_id, task=task).order_by("-id")[:THREAD_PAGE]
    return list(reversed(rows))


def thread_messages_for_contractor(*, task: Task) -> list[Message]:
    """The task's latest delivered messages (up to THREAD_PAGE), oldest first: a held message is
    not there for the contractor until its `deliver_at`."""
    rows = (
        _messages()
        .filter(contractor_id=task.contractor_id, task=task, deliver_at__lte=timezone.now())
        .order_by("-deliver_at", "-id")[:THREAD_PAGE]
    )
    return list(reversed(rows))


def thread_message_for_organization(*, task: Task, message_id: int) -> Message | None:
    return Message.objects.filter(organization_id=task.organization_id, task=task, pk=message_id).first()


def thread_message_for_contractor(*, task: Task, message_id: int) -> Message | None:
    return Message.objects.filter(
        contractor_id=task.contractor_id, task=task, pk=message_id, deliver_at__lte=timezone.now()
    ).first()


def _table() -> str:
    return Message._meta.db_table


def message_unread_count_for_organization_sql(*, organization_id: int | None) -> tuple[str, list]:
    """(SQL, params) of a scalar subquery: the contractors' messages nobody in the organization has
    read (0 without an organization). Pinned to the ORM by tests."""
    sql = f"(SELECT COUNT(*) FROM {_table()} WHERE organization_id = %s AND from_contractor AND read_at IS NULL)"  # noqa: S608
    return sql, [organization_id or 0]


def message_unread_count_for_contractor_sql(*, user_id: int) -> tuple[str, list]:
    """(SQL, params) of a scalar subquery: the organizations' delivered messages the user, as a
    contractor, has not read (0 when they are no contractor)."""
    sql = (
        f"(SELECT COUNT(*) FROM {_table()} WHERE contractor_id = "  # noqa: S608 - metadata only
        f"(SELECT id FROM {Contractor._meta.db_table} WHERE user_id = %s) "
        "AND NOT from_contractor AND read_at IS NULL AND deliver_at <= %s)"
    )
    return sql, [user_id, connection.ops.adapt_datetimefield_value(timezone.now())]


def message_unread_count_for_organization(*, organization_id: int) -> int:
    return Message.objects.filter(organization_id=organization_id, from_contractor=True, read_at=None).count()


def message_unread_count_for_contractor(*, contractor_id: int) -> int:
    return Message.objects.filter(
        contractor_id=contractor_id, from_contractor=False, read_at=None, deliver_at__lte=timezone.now()
    ).count()


def thread_message_queryset_for_organization(*, task: Task) -> QuerySet[Message]:
    """The task's messages, oldest first, held ones included: the API pages through them by id."""
    return (
        Message.objects.filter(organization_id=task.organization_id, task=task)
        .select_related("author", "contractor")
        .order_by("id")
    )


def thread_message_queryset_for_contractor(*, task: Task) -> QuerySet[Message]:
    """The task's delivered messages, oldest first, for the contractor's API."""
    return (
        Message.objects.filter(contractor_id=task.contractor_id, task=task, deliver_at__lte=timezone.now())
        .select_related("author", "contractor")
        .order_by("id")
    )
