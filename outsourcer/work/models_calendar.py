"""The calendar feed's secret: one row per user who has a feed; only the secret's SHA-256 digest is
kept, so the URL is shown once and a leaked database does not give the feeds away."""

from django.conf import settings
from django.db import models
from django.utils import timezone

__all__ = ["CalendarFeed"]


class CalendarFeed(models.Model):
    """A user's secret iCalendar URL. Rotating replaces the digest (the old URL stops working);
    revoking deletes the row."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    rotated_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"
