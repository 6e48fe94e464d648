"""Reads of every thread: a thread's messages for each side (the contractor's only once
delivered), one message for its attachment, and the nav's unread counts (task threads and job Q&A
alike) as scalar subqueries that home/workspace.py asks in its one statement."""

from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from outsourcer.contractors.models import Contractor
from outsourcer.messaging.models import Message
from outsourcer.messaging.subjects import ThreadKey

THREAD_PAGE = 100


def _organization_side(key: ThreadKey) -> QuerySet[Message]:
    return Message.objects.filter(**{"organization_id": key.organization_id, **key.filters()})


def _contractor_side(key: ThreadKey) -> QuerySet[Message]:
    # A held message is not there for the contractor until its `deliver_at`.
    filters = {"contractor_id": key.contractor_id, **key.filters()}
    return Message.objects.filter(deliver_at__lte=timezone.now(), **filters)


def thread_messages_for_organization(*, key: ThreadKey) -> list[Message]:
    """The thread's latest messages (up to THREAD_PAGE), oldest first, held ones included."""
    rows = _organization_side(key).select_related("author").order_by("-id")[:THREAD_PAGE]
    return list(reversed(rows))


def thread_messages_for_contractor(*, key: ThreadKey) -> list[Message]:
    """The thread's latest delivered messages (up to THREAD_PAGE), oldest first: a held message is
    not there for the contractor until its `deliver_at`."""
    rows = _contractor_side(key).select_related("author").order_by("-deliver_at", "-id")[:THREAD_PAGE]
    return list(reversed(rows))


def thread_message_for_organization(*, key: ThreadKey, message_id: int) -> Message | None:
    return _organization_side(key).filter(pk=message_id).first()


def thread_message_for_contractor(*, key: ThreadKey, message_id: int) -> Message | None:
    return _contractor_side(key).filter(pk=message_id).first()


def thread_message_queryset_for_organization(*, key: ThreadKey) -> QuerySet[Message]:
    """The thread's messages, oldest first, held ones included: the API pages through them by id."""
    return _organization_side(key).select_related("author", "contractor").order_by("id")


def thread_message_queryset_for_contractor(*, key: ThreadKey) -> QuerySet[Message]:
    """The thread's delivered messages, oldest first, for the contractor's API."""
    return _contractor_side(key).select_related("author", "contractor").order_by("id")


def _table() -> str:
    return Message._meta.db_table


SUBJECT_SQL = {None: "", "task": " AND task_id IS NOT NULL", "job": " AND job_id IS NOT NULL"}


def _subject_filter(subject: str | None) -> dict:
    return {} if subject is None else {f"{subject}__isnull": False}


def message_unread_count_for_organization_sql(
    *, organization_id: int | None, subject: str | None = None
) -> tuple[str, list]:
    """(SQL, params) of a scalar subquery: the contractors' messages nobody in the organization has
    read (0 without an organization), about tasks or jobs (`subject` "task" / "job") or both.
    Pinned to the ORM by tests."""
    sql = (
        f"(SELECT COUNT(*) FROM {_table()} WHERE organization_id = %s AND from_contractor "  # noqa: S608
        f"AND read_at IS NULL{SUBJECT_SQL[subject]})"
    )
    return sql, [organization_id or 0]


def message_unread_count_for_contractor_sql(*, user_id: int, subject: str | None = None) -> tuple[str, list]:
    """(SQL, params) of a scalar subquery: the organizations' delivered messages the user, as a
    contractor, has not read (0 when they are no contractor), about their tasks or the jobs they
    asked about (`subject` "task" / "job") or both."""
    sql = (
        f"(SELECT COUNT(*) FROM {_table()} WHERE contractor_id = "  # noqa: S608 - metadata only
        f"(SELECT id FROM {Contractor._meta.db_table} WHERE user_id = %s) "
        f"AND NOT from_contractor AND read_at IS NULL AND deliver_at <= %s{SUBJECT_SQL[subject]})"
    )
    return sql, [user_id, connection.ops.adapt_datetimefield_value(timezone.now())]


def message_unread_count_for_organization(*, organization_id: int, subject: str | None = None) -> int:
    return Message.objects.filter(
        organization_id=organization_id, from_contractor=True, read_at=None, **_subject_filter(subject)
    ).count()


def message_unread_count_for_contractor(*, contractor_id: int, subject: str | None = None) -> int:
    return Message.objects.filter(
        contractor_id=contractor_id,
        from_contractor=False,
        read_at=None,
        deliver_at__lte=timezone.now(),
        **_subject_filter(subject),
    ).count()
