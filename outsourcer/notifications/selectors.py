"""Reads for in-app notifications."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import QuerySet

from outsourcer.lib.pagination import COUNT_CAP
from outsourcer.lib.queries import fetch_models, model_columns
from outsourcer.notifications.models import Notification

if TYPE_CHECKING:  # annotations only: audit and notifications sit below accounts
    from outsourcer.accounts.models import User


def notification_list_for_user(*, user: User, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's notifications, newest first (the caller paginates)."""
    notifications = Notification.objects.filter(user=user).select_related("organization")
    if unread_only:
        notifications = notifications.filter(read_at=None)
    return notifications.order_by("-created_at", "-id")


class NotificationRows:
    """`notification_list_for_user` for the notifications page, as a sequence for
    lib.pagination.CappedPaginator: a slice is one hand-written statement (lib.queries.fetch_models)
    with the organizations, `len()` the count up to COUNT_CAP + 1. Every signed-in user opens the
    page: compiling the ORM's query cost twice what the database takes to answer it
    (docs/performance.md). Tests pin the rows to the queryset's."""

    def __init__(self, *, user_id: int, unread_only: bool):
        self.organization_field = Notification._meta.get_field("organization")
        self.table = _table(Notification)
        # Only model metadata is formatted into the statements; the user's id is a parameter.
        self.where = "n.user_id = %s" + (" AND n.read_at IS NULL" if unread_only else "")
        self.user_id = user_id

    def __len__(self) -> int:
        sql = f"SELECT COUNT(*) FROM (SELECT 1 FROM {self.table} n WHERE {self.where} LIMIT %s) capped"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.user_id, COUNT_CAP + 1])
            return cursor.fetchone()[0]

    def __getitem__(self, rows: slice) -> list[Notification]:
        if not isinstance(rows, slice) or rows.step is not None or rows.stop is None:
            raise TypeError("NotificationRows reads a page: a slice with an end")
        start = rows.start or 0
        organization = self.organization_field.related_model
        sql = (
            f"SELECT {model_columns(Notification, 'n')}, {model_columns(organization, 'o')} "  # noqa: S608
            f"FROM {self.table} n LEFT JOIN {_table(organization)} o ON o.id = n.organization_id "
            f"WHERE {self.where} ORDER BY n.created_at DESC, n.id DESC LIMIT %s OFFSET %s"
        )
        params = [self.user_id, max(rows.stop - start, 0), start]
        notifications = []
        for notification, organization_row in fetch_models(sql, params, Notification, organization):
            if organization_row is not None:
                self.organization_field.set_cached_value(notification, organization_row)
            notifications.append(notification)
        return notifications


def notification_rows_for_user(*, user: User, unread_only: bool = False) -> NotificationRows:
    """The same rows as `notification_list_for_user`, for the notifications page (`NotificationRows`)."""
    return NotificationRows(user_id=user.pk, unread_only=unread_only)


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def notification_unread_exists(*, user: User, kind: str, url: str) -> bool:
    """Whether `user` has an unread notification of this kind and url (a running line to refresh)."""
    return Notification.objects.filter(user=user, kind=kind, url=url[:300], read_at=None).exists()


def notification_unread_count(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at=None).count()


def notification_unread_count_sql(*, user_id: int) -> tuple[str, list]:
    """(SQL, params) of a scalar subquery with the same count as notification_unread_count, for
    the nav's one statement (home/workspace.py); test_workspace pins the two equal."""
    return "(SELECT COUNT(*) FROM notifications_notification WHERE user_id = %s AND read_at IS NULL)", [user_id]
