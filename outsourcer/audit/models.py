from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone


class Event(models.Model):
    """Audit row: who did what to which object, when, with before/after where it matters."""

    organization = models.ForeignKey(
        "accounts.Organization", null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["organization", "-created_at"]),
            models.Index(fields=["organization", "action", "-created_at"]),
            models.Index(fields=["organization", "object_type", "object_id"]),
            # the activity page's "by this person" filter
            models.Index(fields=["organization", "actor", "-created_at"]),
        ]
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type}:{self.object_id}"

    @property
    def object_key(self) -> str:
        """The activity page's `object` filter for this event's object, e.g. "contractors.engagement:12"."""
        return f"{self.object_type}:{self.object_id}" if self.object_type else ""

    @property
    def changes(self) -> list[tuple[str, Any, Any]]:
        """(field, before, after) for every field whose value differs; None where a side is missing."""
        before, after = self.before or {}, self.after or {}
        if not isinstance(before, dict) or not isinstance(after, dict):
            return []
        fields = list(dict.fromkeys([*before, *after]))
        return [(f, before.get(f), after.get(f)) for f in fields if before.get(f) != after.get(f)]
