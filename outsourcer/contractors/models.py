from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from outsourcer.lib.timezones import DEFAULT_WORKING_HOURS


def default_working_hours() -> dict:
    return dict(DEFAULT_WORKING_HOURS)


class Contractor(models.Model):
    """A person or company doing outsourced work. With a `user`, the profile is theirs to edit and
    is shared by every organization that engages them; without one it is a prospect record that
    belongs to the one organization that created it (`created_by_organization`)."""

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        COMPANY = "company", "Company"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="contractor_profile"
    )
    created_by_organization = models.ForeignKey(
        "accounts.Organization", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PERSON)
    name = models.CharField(max_length=120)
    email = models.EmailField(max_length=254, blank=True)
    company = models.CharField(max_length=120, blank=True)
    website = models.URLField(max_length=300, blank=True)
    skills = models.CharField(max_length=500, blank=True, help_text="Comma-separated, lower case.")
    time_zone = models.CharField(max_length=64, default="UTC")
    working_hours = models.JSONField(default=default_working_hours)
    weekly_capacity_minutes = models.PositiveIntegerField(default=40 * 60)
    default_rate_cents = models.PositiveBigIntegerField(default=0)
    currency = models.CharField(max_length=3, default="EUR")
    # [{"min_hours": 20, "rate_cents": 4500}, …]: from `min_hours` a week, the lower rate applies.
    volume_tiers = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        # Literal values: Meta cannot see the class body's `Kind`.
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=["person", "company"]), name="contractor_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.company})" if self.company else self.name

    @property
    def has_account(self) -> bool:
        return self.user_id is not None

    @property
    def skill_list(self) -> list[str]:
        return [s for s in self.skills.split(", ") if s]


class EngagementStatus(models.TextChoices):
    PROSPECT = "prospect", "Prospect"
    VETTING = "vetting", "Vetting"
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    ENDED = "ended", "Ended"


class Engagement(models.Model):
    """The organization's private relationship with one contractor."""

    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="engagements")
    contractor = models.ForeignKey(Contractor, on_delete=models.CASCADE, related_name="engagements")
    status = models.CharField(max_length=10, choices=EngagementStatus.choices, default=EngagementStatus.PROSPECT)
    # The share of the contractor's week this organization may plan with.
    weekly_capacity_minutes = models.PositiveIntegerField(default=0)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    status_changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "contractor"], name="engagement_unique"),
            models.CheckConstraint(condition=Q(status__in=EngagementStatus.values), name="engagement_status_valid"),
            # The target of contracts' composite foreign key (engagement_id, contractor_id) on
            # PostgreSQL (contracts migration 0003): a contract's contractor is its engagement's.
            models.UniqueConstraint(fields=["id", "contractor"], name="engagement_id_contractor"),
        ]
        indexes = [
            models.Index(fields=["organization", "status"]),
            models.Index(fields=["contractor", "organization"]),
        ]

    def __str__(self) -> str:
        return f"{self.contractor} @ {self.organization}"


class ContractorMerge(models.Model):
    """A prospect record merged into a contractor's account (`contractor_invitation_accept`).

    The prospect row is deleted after its rows move, so `merged_contractor_id` is a plain number
    (old links and audit events still name it). On PostgreSQL this row is also what lets the
    ledger trigger accept the one change it allows: a spend entry's contractor moving from the
    merged record to the account it merged into (docs/money.md)."""

    merged_contractor_id = models.BigIntegerField(unique=True)
    into = models.ForeignKey(Contractor, on_delete=models.PROTECT, related_name="merged_records")
    organization = models.ForeignKey("accounts.Organization", null=True, on_delete=models.SET_NULL, related_name="+")
    merged_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"contractor #{self.merged_contractor_id} → #{self.into_id}"
