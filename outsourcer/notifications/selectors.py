"""Reads for in-app notifications."""

from django.db.models import QuerySet

from outsourcer.accounts.models import User
from outsourcer.notifications.models import Notification


def notification_list_for_user(*, user: User, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's notifications, newest first (the caller paginates)."""
    notifications = Notification.objects.filter(user=user).select_related("organization")
    if unread_only:
        notifications = notifications.filter(read_at=None)
    return notifications.order_by("-created_at", "-id")


def notification_unread_count(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at=None).count()
