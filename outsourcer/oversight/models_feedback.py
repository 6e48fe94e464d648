"""Reminders that feedback is owed: one row per accepted deliverable whose feedback stayed missing
for OUTSOURCER_FEEDBACK_REMINDER_DAYS (services/feedback_reminders.py)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

__all__ = ["FeedbackReminder"]


class FeedbackReminder(models.Model):
    """Feedback on `deliverable` is owed. Written once (the one-to-one key makes a second run, or a
    second worker, write nothing), then claimed with a conditional UPDATE of `claimed_at` before it
    is sent, so it is sent at most once. `recipient`: the person who accepted the work; empty when
    the organization's owners are reminded instead."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.RESTRICT, related_name="+", db_index=False
    )
    deliverable = models.OneToOneField(
        "oversight.Deliverable", on_delete=models.CASCADE, related_name="feedback_reminder"
    )
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["claimed_at", "id"], name="feedback_reminder_claim")]
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Feedback owed on {self.deliverable_id}"
