"""Writes for in-app notifications."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from outsourcer.notifications.models import Notification

if TYPE_CHECKING:  # annotations only: audit and notifications sit below accounts
    from outsourcer.accounts.models import Organization, User


def notification_create(
    *,
    user: User,
    kind: str,
    message: str,
    organization: Organization | None = None,
    url: str = "",
    replace_unread: bool = False,
) -> Notification:
    """Add one unread notification for `user`; call inside the caller's transaction. With
    `replace_unread`, an unread one of the same kind and url is brought up to date (new message,
    back on top) instead, so a running tally ("3 entries waiting") stays one line in the inbox."""
    message, url = message[:500], url[:300]
    if replace_unread:
        existing = Notification.objects.filter(user=user, kind=kind, url=url, read_at=None).first()
        if existing is not None:
            existing.message, existing.organization, existing.created_at = message, organization, timezone.now()
            existing.save(update_fields=["message", "organization", "created_at"])
            return existing
    return Notification.objects.create(user=user, organization=organization, kind=kind, message=message, url=url)


def notification_mark_read(*, user: User, notification_id: int | None = None) -> int:
    """Mark one (or, without an id, every) unread notification of `user` read; returns how many."""
    unread = Notification.objects.filter(user=user, read_at=None)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())


def notification_settle(*, kind: str, url: str, message: str = "") -> int:
    """Bring every user's unread notification of this kind and url up to date: with `message` it
    now says that; without one, what it announced is dealt with and it is marked read. Returns how
    many changed."""
    unread = Notification.objects.filter(kind=kind, url=url[:300], read_at=None)
    if message:
        return unread.update(message=message[:500])
    return unread.update(read_at=timezone.now())
