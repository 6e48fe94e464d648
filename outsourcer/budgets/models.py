from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from outsourcer.lib.money import format_money

DEFAULT_THRESHOLDS = (50, 80, 100)


def default_thresholds() -> list[int]:
    return list(DEFAULT_THRESHOLDS)


class BudgetPeriod(models.TextChoices):
    ONE_OFF = "one_off", "One-off"
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    YEARLY = "yearly", "Yearly"


class Budget(models.Model):
    """Money set aside for one outsourced area, per period (see budgets/periods.py)."""

    # RESTRICT up the chain to the ledger: an organization with budgets is closed, never deleted
    # (docs/money.md), so no cascade can reach a spend entry.
    organization = models.ForeignKey("accounts.Organization", on_delete=models.RESTRICT, related_name="budgets")
    name = models.CharField(max_length=120)
    period = models.CharField(max_length=10, choices=BudgetPeriod.choices, default=BudgetPeriod.MONTHLY)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    amount_cents = models.PositiveBigIntegerField()
    currency = models.CharField(max_length=3)
    # Alert thresholds in percent of the period's amount, ascending, each 1–200.
    thresholds = models.JSONField(default=default_thresholds)
    # When the thresholds were last set (created or changed): a period that had already ended by
    # then is never alerted, so a budget started in the past, or a new rule, does not fill the
    # inbox with alerts about months nobody can act on any more (budgets/jobs.py).
    thresholds_set_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint("organization", Lower("name"), name="budget_name_unique_ci"),
            models.CheckConstraint(
                condition=~Q(period=BudgetPeriod.ONE_OFF) | Q(ends_on__isnull=False), name="budget_one_off_has_end"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")), name="budget_dates_ordered"
            ),
            models.CheckConstraint(condition=Q(period__in=BudgetPeriod.values), name="budget_period_valid"),
        ]
        indexes = [models.Index(fields=["organization", "name"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_recurring(self) -> bool:
        return self.period != BudgetPeriod.ONE_OFF


class SpendKind(models.TextChoices):
    TIME = "time", "Approved time"
    MILESTONE = "milestone", "Accepted milestone"
    RETAINER_FEE = "retainer_fee", "Retainer fee"
    EXPENSE = "expense", "Expense"
    CORRECTION = "correction", "Correction"


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete a ledger row."""


LEDGER_IS_APPEND_ONLY = "Spend entries are never changed or deleted; record a correcting entry instead."


class SpendEntryQuerySet(models.QuerySet):
    # The ledger invariant lives on the model rather than in services because services are not
    # the only code that can write: the admin, the shell, a data migration or a future helper
    # could call `.update()`/`.delete()`. Making the model refuse keeps every path honest.
    def update(self, **kwargs):
        raise AppendOnlyError(LEDGER_IS_APPEND_ONLY)

    def delete(self):
        raise AppendOnlyError(LEDGER_IS_APPEND_ONLY)

    update.queryset_only = True
    delete.queryset_only = True

    def contractor_relink(self, *, into) -> int:
        """The ledger's one allowed change: entries of a prospect record merged into a contractor's
        account follow it (contractors/merge.py). Amounts, dates and every other column stay; on
        PostgreSQL the trigger accepts it only when a ContractorMerge row names this move."""
        return super().update(contractor=into)


class SpendEntry(models.Model):
    """One append-only row of the money ledger, in the budget's currency. `amount_cents` is signed:
    a correction is the negative of the entry it `reverses`."""

    # Every link from the ledger is PROTECT: Django refuses to delete anything that a spend entry
    # points at before it deletes a row, whatever cascades lead there (RESTRICT would let a
    # cascade from the organization through the budget take the entries with it).
    organization = models.ForeignKey("accounts.Organization", on_delete=models.PROTECT, related_name="+")
    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="spend_entries")
    # Start of the budget period the entry counts towards (budgets/periods.py), so a period's
    # spend is one indexed SUM.
    period_start = models.DateField()
    contractor = models.ForeignKey(
        "contractors.Contractor", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    contract = models.ForeignKey(
        "contracts.Contract", null=True, blank=True, on_delete=models.PROTECT, related_name="spend_entries"
    )
    kind = models.CharField(max_length=14, choices=SpendKind.choices)
    amount_cents = models.BigIntegerField()
    currency = models.CharField(max_length=3)
    # Set when the contract is in another currency: what was owed in that currency, and the
    # recorded rate (budget units per contract unit × 1,000,000) used to convert it.
    original_amount_cents = models.BigIntegerField(null=True, blank=True)
    original_currency = models.CharField(max_length=3, blank=True)
    exchange_rate_micros = models.PositiveBigIntegerField(null=True, blank=True)
    occurred_on = models.DateField()
    # First day of the month a retainer fee pays for; a quarterly or yearly budget period holds
    # several fees of one contract, so the once-only rule keys on the month, not on period_start.
    covers_month = models.DateField(null=True, blank=True)
    description = models.CharField(max_length=500, blank=True)
    receipt = models.FileField(upload_to="receipts/%Y/%m/", blank=True, max_length=255)
    time_entry = models.OneToOneField(
        "contracts.TimeEntry", null=True, blank=True, on_delete=models.PROTECT, related_name="spend_entry"
    )
    milestone = models.OneToOneField(
        "contracts.Milestone", null=True, blank=True, on_delete=models.PROTECT, related_name="spend_entry"
    )
    reverses = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = SpendEntryQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "covers_month"],
                condition=Q(kind="retainer_fee"),
                name="spend_retainer_fee_once_per_month",
            ),
            models.CheckConstraint(
                condition=Q(kind="correction", reverses__isnull=False) | (~Q(kind="correction") & Q(reverses=None)),
                name="spend_correction_reverses",
            ),
            models.CheckConstraint(
                condition=~Q(kind="retainer_fee") | Q(covers_month__isnull=False), name="spend_retainer_fee_month"
            ),
            models.CheckConstraint(condition=Q(kind__in=SpendKind.values), name="spend_kind_valid"),
            # Time and expenses are positive; a milestone or retainer fee converted from another
            # currency may round to zero (one cent at a tiny rate) and is still posted once; a
            # correction negates its original, so it is never positive.
            models.CheckConstraint(
                condition=Q(kind__in=[SpendKind.TIME, SpendKind.EXPENSE], amount_cents__gt=0)
                | Q(kind__in=[SpendKind.MILESTONE, SpendKind.RETAINER_FEE], amount_cents__gte=0)
                | Q(kind=SpendKind.CORRECTION, amount_cents__lte=0),
                name="spend_amount_sign",
            ),
        ]
        indexes = [
            # Covers the figures: SUM(amount_cents) WHERE budget_id = ? AND period_start = ?
            models.Index(fields=["budget", "period_start", "amount_cents"], name="spend_budget_period_amount"),
            # The ledger's order (occurred_on DESC, id DESC) as well as the last days' spend.
            models.Index(fields=["budget", "occurred_on", "id"], name="spend_budget_occurred"),
            models.Index(fields=["organization", "contractor", "occurred_on"], name="spend_org_contractor_occurred"),
        ]
        ordering = ["-occurred_on", "-id"]
        verbose_name_plural = "spend entries"

    def __str__(self) -> str:
        # Shown in the activity log and the admin: money reads as money there.
        return (
            f"{self.get_kind_display()} {format_money(self.amount_cents, self.currency)} on {self.occurred_on:%d %b %Y}"
        )

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(LEDGER_IS_APPEND_ONLY)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(LEDGER_IS_APPEND_ONLY)

    @property
    def is_correction(self) -> bool:
        return self.kind == SpendKind.CORRECTION

    @property
    def is_reversed(self) -> bool:
        # For templates: `entry.reversed_by` on an entry nobody reversed raises, and a failed
        # lookup costs the template engine a dir() of the model. Select `reversed_by` with the rows.
        return hasattr(self, "reversed_by")


class SpendTotal(models.Model):
    """DERIVED, never edited by hand: the ledger's SUM per (budget, period, contract, contractor),
    so a period's or a contract's spend is a few rows instead of a SUM over all its entries.
    Kept in the same transaction as the ledger by ledger.spend_record (the one insert path) and
    ledger.spend_contractor_relink; ledger.spend_totals_rebuild recomputes it from the ledger
    (after a bulk load, and in the migration that created it). The keys are plain integers, 0 for
    "none", not foreign keys: NULLs are distinct in a unique constraint on SQLite."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="+")
    period_start = models.DateField()
    contract_key = models.BigIntegerField(default=0)  # SpendEntry.contract_id, 0 for none
    contractor_key = models.BigIntegerField(default=0)  # SpendEntry.contractor_id, 0 for none
    amount_cents = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "period_start", "contract_key", "contractor_key"], name="spend_total_key"
            ),
        ]
        # A contract's spend: its few rows (one per period and contractor).
        indexes = [models.Index(fields=["contract_key", "amount_cents"], name="spend_total_contract")]

    def __str__(self) -> str:
        return f"{self.budget_id} {self.period_start} {self.contract_key}/{self.contractor_key}: {self.amount_cents}"


class BudgetAlert(models.Model):
    """A threshold alert claimed for one budget period; the unique constraint makes each
    (budget, period, threshold) alert go out at most once, however many workers run."""

    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="+")
    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="alerts")
    period_start = models.DateField()
    threshold = models.PositiveSmallIntegerField()
    spent_cents = models.BigIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["budget", "period_start", "threshold"], name="budget_alert_once"),
        ]
        indexes = [models.Index(fields=["organization", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.budget} {self.threshold}% ({self.period_start})"
