"""Writes for in-app notifications."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from outsourcer.notifications.models import Notification

if TYPE_CHECKING:  # annotations only: audit and notifications sit below accounts
    from outsourcer.accounts.models import Organization, User


def notification_create(
    *, user: User, kind: str, message: str, organization: Organization | None = None, url: str = ""
) -> Notification:
    """Add one unread notification for `user`; call inside the caller's transaction."""
    return Notification.objects.create(
        user=user, organization=organization, kind=kind, message=message[:500], url=url[:300]
    )


def notification_mark_read(*, user: User, notification_id: int | None = None) -> int:
    """Mark one (or, without an id, every) unread notification of `user` read; returns how many."""
    unread = Notification.objects.filter(user=user, read_at=None)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())
