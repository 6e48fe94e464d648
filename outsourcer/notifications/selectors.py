"""Reads for in-app notifications."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from outsourcer.notifications.models import Notification

if TYPE_CHECKING:  # annotations only: audit and notifications sit below accounts
    from outsourcer.accounts.models import User


def notification_list_for_user(*, user: User, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's notifications, newest first (the caller paginates)."""
    notifications = Notification.objects.filter(user=user).select_related("organization")
    if unread_only:
        notifications = notifications.filter(read_at=None)
    return notifications.order_by("-created_at", "-id")


def notification_unread_exists(*, user: User, kind: str, url: str) -> bool:
    """Whether `user` has an unread notification of this kind and url (a running line to refresh)."""
    return Notification.objects.filter(user=user, kind=kind, url=url[:300], read_at=None).exists()


def notification_unread_count(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at=None).count()


def notification_unread_count_sql(*, user_id: int) -> tuple[str, list]:
    """(SQL, params) of a scalar subquery with the same count as notification_unread_count, for
    the nav's one statement (home/workspace.py); test_workspace pins the two equal."""
    return "(SELECT COUNT(*) FROM notifications_notification WHERE user_id = %s AND read_at IS NULL)", [user_id]
