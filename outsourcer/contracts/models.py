from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from outsourcer.lib.durations import duration_text


class RateModel(models.TextChoices):
    HOURLY = "hourly", "Hourly"
    RETAINER = "retainer", "Retainer"
    FIXED = "fixed", "Fixed price"


class ContractStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ACTIVE = "active", "Active"
    COMPLETED = "completed", "Completed"
    ENDED = "ended", "Ended"


class Contract(models.Model):
    """Agreed terms with one contractor, drawn from one budget.

    Terms are in `currency`; when it differs from the budget's, `exchange_rate_micros` records the
    agreed rate (budget units per contract unit × 1,000,000). Terms are frozen once the contract
    leaves draft, so the `*_budget_cents` equivalents are computed once by the service and the
    budget figures can SUM them in SQL without converting per row.
    """

    # RESTRICT: an organization with contracts is closed, never deleted (docs/money.md).
    organization = models.ForeignKey("accounts.Organization", on_delete=models.RESTRICT, related_name="contracts")
    budget = models.ForeignKey("budgets.Budget", on_delete=models.RESTRICT, related_name="contracts")
    contractor = models.ForeignKey("contractors.Contractor", on_delete=models.RESTRICT, related_name="contracts")
    # Always the engagement's contractor (kept beside it so portal queries need no join): the
    # services set both from the engagement, and on PostgreSQL a composite foreign key
    # (engagement_id, contractor_id) → engagement (id, contractor_id) holds it (migration 0003).
    engagement = models.ForeignKey("contractors.Engagement", on_delete=models.RESTRICT, related_name="contracts")
    title = models.CharField(max_length=200)
    # "model" in the product's words; `rate_model` because Model.model reads badly in Django code.
    rate_model = models.CharField(max_length=10, choices=RateModel.choices)
    status = models.CharField(max_length=10, choices=ContractStatus.choices, default=ContractStatus.DRAFT)
    currency = models.CharField(max_length=3)
    exchange_rate_micros = models.PositiveBigIntegerField(null=True, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    # hourly
    hourly_rate_cents = models.PositiveBigIntegerField(null=True, blank=True)
    weekly_cap_minutes = models.PositiveIntegerField(null=True, blank=True)
    # retainer
    monthly_fee_cents = models.PositiveBigIntegerField(null=True, blank=True)
    included_minutes = models.PositiveIntegerField(null=True, blank=True)
    overage_rate_cents = models.PositiveBigIntegerField(null=True, blank=True)
    # fixed price
    total_cents = models.PositiveBigIntegerField(null=True, blank=True)
    # Budget-currency equivalents (equal to the above when the currencies match).
    hourly_rate_budget_cents = models.PositiveBigIntegerField(null=True, blank=True)
    monthly_fee_budget_cents = models.PositiveBigIntegerField(null=True, blank=True)
    total_budget_cents = models.PositiveBigIntegerField(null=True, blank=True)
    activation_override_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    activated_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")), name="contract_dates_ordered"
            ),
            models.CheckConstraint(
                condition=~Q(rate_model="hourly")
                | Q(hourly_rate_cents__isnull=False, weekly_cap_minutes__isnull=False),
                name="contract_hourly_terms",
            ),
            models.CheckConstraint(
                condition=~Q(rate_model="retainer")
                | Q(monthly_fee_cents__isnull=False, included_minutes__isnull=False, overage_rate_cents__isnull=False),
                name="contract_retainer_terms",
            ),
            models.CheckConstraint(
                condition=~Q(rate_model="fixed") | Q(total_cents__isnull=False), name="contract_fixed_terms"
            ),
            models.CheckConstraint(condition=Q(rate_model__in=RateModel.values), name="contract_rate_model_valid"),
            # The status and its timestamps agree: a draft was never activated nor closed, an
            # active contract was activated and is open, a completed one was both, and an ended
            # one was closed (possibly straight from draft).
            models.CheckConstraint(
                condition=Q(status=ContractStatus.DRAFT, activated_at__isnull=True, closed_at__isnull=True)
                | Q(status=ContractStatus.ACTIVE, activated_at__isnull=False, closed_at__isnull=True)
                | Q(status=ContractStatus.COMPLETED, activated_at__isnull=False, closed_at__isnull=False)
                | Q(status=ContractStatus.ENDED, closed_at__isnull=False),
                name="contract_status_dates",
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "status", "-created_at"], name="contract_org_status"),
            models.Index(fields=["organization", "contractor", "status"], name="contract_org_contractor"),
            models.Index(fields=["budget", "status", "rate_model"], name="contract_budget_status"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_foreign_currency(self) -> bool:
        return self.exchange_rate_micros is not None

    @property
    def left_cents(self) -> int | None:
        """What is left of a fixed price (total − spent, budget currency; None for other rate
        models), for contracts listed with spend (selectors.with_spend annotates `spent_cents`).
        Computed here, not in SQL, so the database sums the contract's spend once per row."""
        if self.total_budget_cents is None:
            return None
        return self.total_budget_cents - self.spent_cents


class MilestoneStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    ACCEPTED = "accepted", "Accepted"


class Milestone(models.Model):
    """A fixed-price contract's payable step; accepting it posts `amount_cents` to the ledger once."""

    organization = models.ForeignKey("accounts.Organization", on_delete=models.RESTRICT, related_name="+")
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="milestones")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    amount_cents = models.PositiveBigIntegerField()
    budget_amount_cents = models.PositiveBigIntegerField()
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=MilestoneStatus.choices, default=MilestoneStatus.PENDING)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contract", "position"], name="milestone_position_unique"),
            models.CheckConstraint(
                condition=Q(status=MilestoneStatus.PENDING, accepted_at__isnull=True)
                | Q(status=MilestoneStatus.ACCEPTED, accepted_at__isnull=False),
                name="milestone_status_accepted_at",
            ),
        ]
        indexes = [
            models.Index(fields=["contract", "status", "due_on"], name="milestone_contract_status"),
            models.Index(fields=["organization", "status", "due_on"], name="milestone_org_status"),
        ]
        ordering = ["contract_id", "position", "id"]

    def __str__(self) -> str:
        return self.title


class TimeEntryStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class TimeEntry(models.Model):
    """Minutes a contractor worked under a contract; approval posts spend (contracts/services.py)."""

    # No single-column indexes: the composite ones in Meta start with each of these keys.
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.RESTRICT, related_name="+", db_index=False
    )
    contractor = models.ForeignKey(
        "contractors.Contractor", on_delete=models.RESTRICT, related_name="time_entries", db_index=False
    )
    contract = models.ForeignKey(Contract, on_delete=models.RESTRICT, related_name="time_entries", db_index=False)
    # The task the time was spent on, when the contractor names one. A lazy reference by name:
    # contracts sits below work and never imports it (docs/architecture.md).
    task = models.ForeignKey("work.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="time_entries")
    worked_on = models.DateField()
    minutes = models.PositiveIntegerField()
    note = models.CharField(max_length=500, blank=True)
    status = models.CharField(max_length=10, choices=TimeEntryStatus.choices, default=TimeEntryStatus.SUBMITTED)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.CharField(max_length=500, blank=True)
    override_reason = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(minutes__gte=1, minutes__lte=1440), name="time_entry_minutes_range"),
            # Reviewed ⇔ reviewed_at; a rejection always says why.
            models.CheckConstraint(
                condition=Q(status=TimeEntryStatus.SUBMITTED, reviewed_at__isnull=True)
                | Q(status=TimeEntryStatus.APPROVED, reviewed_at__isnull=False)
                | (Q(status=TimeEntryStatus.REJECTED, reviewed_at__isnull=False) & ~Q(rejection_reason="")),
                name="time_entry_status_reviewed",
            ),
        ]
        # Each list's filter, then its order (worked_on DESC, id DESC, read backwards): a page is
        # an index range scan that stops after its rows, never a sort of all the organization's
        # time (bench/plans.py checks every list). They also serve the foreign keys' lookups.
        indexes = [
            models.Index(fields=["organization", "worked_on", "id"], name="time_org_day"),
            models.Index(fields=["organization", "contractor", "worked_on", "id"], name="time_org_contractor_day"),
            models.Index(fields=["organization", "status", "worked_on", "id"], name="time_org_status_day"),
            models.Index(fields=["contract", "status", "worked_on"], name="time_contract_status_day"),
            models.Index(fields=["contract", "worked_on", "id"], name="time_contract_day"),
            models.Index(fields=["contractor", "worked_on", "id"], name="time_contractor_day"),
        ]
        ordering = ["-worked_on", "-id"]
        verbose_name_plural = "time entries"

    def __str__(self) -> str:
        # Also the time entry's name in the activity log: "6 h on 17 Mar 2025".
        return f"{duration_text(self.minutes)} on {self.worked_on.day} {self.worked_on:%b %Y}"

    @property
    def is_reviewed(self) -> bool:
        return self.status != TimeEntryStatus.SUBMITTED
