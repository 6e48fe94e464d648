"""The calendar feed's secret address: create, rotate (the old address stops at once), revoke.
Only the secret's digest is stored (work/feed.py finds a feed by it); the raw secret is returned once."""

import secrets

from django.db import transaction
from django.utils import timezone

from outsourcer.accounts.models import User
from outsourcer.audit.events import event_record
from outsourcer.work import events
from outsourcer.work.feed import FEED_PREFIX, feed_secret_digest
from outsourcer.work.models import CalendarFeed


def _new_secret() -> str:
    return FEED_PREFIX + secrets.token_urlsafe(32)


def calendar_feed_create(*, user: User) -> tuple[CalendarFeed, str]:
    """The user's feed with a new secret, returned raw this once; an existing feed is rotated
    (its old address stops working)."""
    with transaction.atomic():
        feed = CalendarFeed.objects.select_for_update().filter(user=user).first()
        if feed is not None:
            return calendar_feed_rotate(feed=feed, actor=user)
        raw = _new_secret()
        feed = CalendarFeed.objects.create(user=user, digest=feed_secret_digest(raw))
        event_record(action=events.CALENDAR_FEED_CREATED, actor=user, obj=feed)
    return feed, raw


def calendar_feed_rotate(*, feed: CalendarFeed, actor: User) -> tuple[CalendarFeed, str]:
    """A new secret for the feed, returned raw this once; the old address answers 404 from now on."""
    raw = _new_secret()
    with transaction.atomic():
        feed.digest = feed_secret_digest(raw)
        feed.rotated_at = timezone.now()
        feed.save(update_fields=["digest", "rotated_at"])
        event_record(action=events.CALENDAR_FEED_ROTATED, actor=actor, obj=feed)
    return feed, raw


def calendar_feed_revoke(*, feed: CalendarFeed, actor: User) -> None:
    """Delete the feed: its address answers 404 from now on."""
    with transaction.atomic():
        event_record(action=events.CALENDAR_FEED_REVOKED, actor=actor, obj=feed)
        CalendarFeed.objects.filter(pk=feed.pk).delete()
