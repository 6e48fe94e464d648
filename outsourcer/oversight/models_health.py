"""The Health Check's monthly snapshot: each organization's scores as the worker found them at the
start of a month, for the trend chart (docs/health.md). One row per organization and month: the
unique constraint is the claim, so two workers never write the same month twice."""

from django.db import models
from django.utils import timezone

__all__ = ["HealthSnapshot"]


class HealthSnapshot(models.Model):
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    month = models.DateField(help_text="The first day of the month.")
    # {"budget": 80, "choosing": null, …}: each mistake's score, null for "no data yet".
    scores = models.JSONField(default=dict)
    overall = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "month"], name="health_snapshot_one_per_month"),
        ]
        ordering = ["organization_id", "-month"]

    def __str__(self) -> str:
        return f"Health of {self.organization_id} in {self.month:%Y-%m}"
