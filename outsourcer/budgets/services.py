"""Every write for budgets and the spend ledger, on top of the ledger API in ledger.py (the one
place that inserts a SpendEntry; nothing updates or deletes one, see models.SpendEntry)."""

from datetime import date
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from outsourcer.accounts.models import Organization, User
from outsourcer.audit.events import event_record
from outsourcer.budgets import events
from outsourcer.budgets.ledger import budget_lock, spend_record
from outsourcer.budgets.models import Budget, BudgetPeriod, SpendEntry, SpendKind
from outsourcer.contractors.models import Contractor
from outsourcer.lib.errors import DomainError
from outsourcer.lib.limits import MAX_THRESHOLD_PERCENT, MAX_THRESHOLDS
from outsourcer.lib.money import format_money
from outsourcer.lib.uploads import upload_check
from outsourcer.lib.validation import Errors

RECEIPT_MAX_BYTES = 10 * 1024 * 1024
# Accepted receipt types, recognised by the file's first bytes (lib/uploads.py).
RECEIPT_KINDS = ("pdf", "png", "jpeg")

ALREADY_REVERSED = "This entry has already been reversed."
CORRECTION_NOT_REVERSIBLE = "A correction cannot be reversed; record a new entry instead."


def _clean_thresholds(errors: Errors, thresholds: Any) -> list[int]:
    if thresholds is None:
        return [50, 80, 100]
    if not isinstance(thresholds, list | tuple) or not thresholds:
        errors.add("thresholds", "Give at least one alert threshold, e.g. 50, 80, 100.")
        return []
    if len(thresholds) > MAX_THRESHOLDS:
        errors.add("thresholds", f"At most {MAX_THRESHOLDS} thresholds.")
        return []
    values = []
    for value in thresholds:
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_THRESHOLD_PERCENT:
            errors.add("thresholds", f"Each threshold is a whole percentage from 1 to {MAX_THRESHOLD_PERCENT}.")
            return []
        values.append(value)
    if any(b <= a for a, b in zip(values, values[1:], strict=False)):
        errors.add("thresholds", "List thresholds in ascending order without repeats.")
    return values


def _clean_budget(
    *,
    organization: Organization,
    budget: Budget | None,
    name,
    period,
    starts_on,
    ends_on,
    amount_cents,
    currency,
    thresholds,
) -> dict[str, Any]:
    errors = Errors()
    cleaned = {
        "name": errors.text(name, field="name", label="Name", max_length=120),
        "period": period,
        "starts_on": errors.day(starts_on, field="starts_on", label="Start date"),
        "ends_on": errors.day(ends_on, field="ends_on", label="End date", required=period == BudgetPeriod.ONE_OFF),
        "amount_cents": errors.integer(amount_cents, field="amount_cents", label="Amount", minimum=1),
        "currency": errors.currency(currency),
        "thresholds": _clean_thresholds(errors, thresholds),
    }
    if period not in BudgetPeriod.values:
        errors.add("period", "Choose one-off, monthly, quarterly or yearly.")
    start, end = cleaned["starts_on"], cleaned["ends_on"]
    if start and end and end < start:
        errors.add("ends_on", "The end date is on or after the start date.")
    if cleaned["name"] and "name" not in errors:
        clash = Budget.objects.filter(organization=organization, name__iexact=cleaned["name"])
        if budget is not None:
            clash = clash.exclude(pk=budget.pk)
        if clash.exists():
            errors.add("name", "Another budget already has this name.")
    errors.raise_if_any()
    return cleaned


def budget_create(
    *,
    organization: Organization,
    actor: User,
    name: str,
    period: str,
    starts_on: date,
    amount_cents: int,
    currency: str,
    ends_on: date | None = None,
    thresholds: list[int] | None = None,
) -> Budget:
    """Create a budget; raises FieldErrors listing every invalid input. Records `budget_created`."""
    cleaned = _clean_budget(
        organization=organization,
        budget=None,
        name=name,
        period=period,
        starts_on=starts_on,
        ends_on=ends_on,
        amount_cents=amount_cents,
        currency=currency,
        thresholds=thresholds,
    )
    with transaction.atomic():
        try:
            with transaction.atomic():
                budget = Budget.objects.create(organization=organization, **cleaned)
        except IntegrityError:  # the same name created concurrently
            raise DomainError("Another budget already has this name.", field="name") from None
        event_record(
            action=events.BUDGET_CREATED, organization=organization, actor=actor, obj=budget, after=_snapshot(budget)
        )
    return budget


def _snapshot(budget: Budget) -> dict[str, Any]:
    return {
        "name": budget.name,
        "period": budget.period,
        "starts_on": budget.starts_on.isoformat(),
        "ends_on": budget.ends_on.isoformat() if budget.ends_on else None,
        "amount_cents": budget.amount_cents,
        "currency": budget.currency,
        "thresholds": list(budget.thresholds),
    }


def budget_update(
    *,
    budget: Budget,
    actor: User,
    name: str,
    period: str,
    starts_on: date,
    amount_cents: int,
    currency: str,
    ends_on: date | None = None,
    thresholds: list[int] | None = None,
) -> Budget:
    """Change a budget. Once it has ledger entries or contracts, period, start and currency are
    fixed (earlier entries were filed under them) and the end may not move before the last entry."""
    cleaned = _clean_budget(
        organization=budget.organization,
        budget=budget,
        name=name,
        period=period,
        starts_on=starts_on,
        ends_on=ends_on,
        amount_cents=amount_cents,
        currency=currency,
        thresholds=thresholds,
    )
    with transaction.atomic():
        budget = budget_lock(budget)
        before = _snapshot(budget)
        in_use = budget.spend_entries.exists() or budget.contracts.exists()
        errors = Errors()
        if in_use:
            for field, label in (("period", "period"), ("starts_on", "start date"), ("currency", "currency")):
                if cleaned[field] != getattr(budget, field):
                    errors.add(field, f"The {label} is fixed once the budget has contracts or spend.")
        last_day = budget.spend_entries.aggregate(last=Max("occurred_on"))["last"]
        if last_day and cleaned["ends_on"] and cleaned["ends_on"] < last_day:
            errors.add("ends_on", f"Spend is recorded up to {last_day:%d %b %Y}; the budget must cover it.")
        errors.raise_if_any()
        if cleaned["thresholds"] != list(budget.thresholds):
            budget.thresholds_set_at = timezone.now()
        for field, value in cleaned.items():
            setattr(budget, field, value)
        try:
            with transaction.atomic():
                budget.save()
        except IntegrityError:
            raise DomainError("Another budget already has this name.", field="name") from None
        event_record(
            action=events.BUDGET_UPDATED,
            organization=budget.organization,
            actor=actor,
            obj=budget,
            before=before,
            after=_snapshot(budget),
        )
    return budget


def clean_receipt(receipt: UploadedFile | None) -> None:
    """Raise DomainError(field="receipt") unless the file is a PDF, PNG or JPEG of at most 10 MB."""
    if receipt is not None:
        upload_check(receipt, field="receipt", noun="receipt", kinds=RECEIPT_KINDS, max_bytes=RECEIPT_MAX_BYTES)


def expense_record(
    *,
    budget: Budget,
    actor: User,
    amount_cents: int,
    occurred_on: date,
    description: str,
    receipt: UploadedFile | None = None,
    contractor: Contractor | None = None,
) -> SpendEntry:
    """Record an expense (receipt: PDF/PNG/JPEG up to 10 MB). Not guarded by the 100 % limit: an
    expense is money already gone, and the ledger must say so; alerts still fire."""
    errors = Errors()
    amount_cents = errors.integer(amount_cents, field="amount_cents", label="Amount", minimum=1)
    occurred_on = errors.day(occurred_on, field="occurred_on", label="Date")
    description = errors.text(description, field="description", label="Description", max_length=500)
    errors.raise_if_any()
    if contractor is not None and not contractor.engagements.filter(organization_id=budget.organization_id).exists():
        raise DomainError("Choose one of your contractors.", field="contractor")
    clean_receipt(receipt)
    with transaction.atomic():
        budget = budget_lock(budget)
        entry = spend_record(
            budget=budget,
            kind=SpendKind.EXPENSE,
            amount_cents=amount_cents,
            occurred_on=occurred_on,
            actor=actor,
            description=description,
            contractor=contractor,
            receipt=receipt,
        )
        event_record(
            action=events.EXPENSE_RECORDED,
            organization=budget.organization,
            actor=actor,
            obj=entry,
            after={
                "amount_cents": amount_cents,
                "currency": budget.currency,
                "occurred_on": occurred_on.isoformat(),
                "budget_id": budget.pk,
                "budget": budget.name,
            },
        )
    return entry


def spend_entry_reverse(*, entry: SpendEntry, actor: User, reason: str) -> SpendEntry:
    """Append a correction that negates `entry`, filed under the entry's own day and period (a
    mistake in March is fixed in March's figures). An entry is reversed at most once and a
    correction is never reversed (record a new entry instead)."""
    errors = Errors()
    reason = errors.text(reason, field="reason", label="Reason", max_length=500)
    errors.raise_if_any()
    if entry.kind == SpendKind.CORRECTION:
        raise DomainError(CORRECTION_NOT_REVERSIBLE, code="not_reversible")
    with transaction.atomic():
        budget = budget_lock(entry.budget)
        if SpendEntry.objects.filter(reverses=entry).exists():
            raise DomainError(ALREADY_REVERSED, code="already_reversed")
        try:
            with transaction.atomic():
                correction = spend_record(
                    budget=budget,
                    kind=SpendKind.CORRECTION,
                    amount_cents=-entry.amount_cents,
                    occurred_on=entry.occurred_on,
                    actor=actor,
                    description=f"Reversal: {reason}",
                    contractor=entry.contractor,
                    contract=entry.contract,
                    original_amount_cents=(
                        -entry.original_amount_cents if entry.original_amount_cents is not None else None
                    ),
                    original_currency=entry.original_currency,
                    exchange_rate_micros=entry.exchange_rate_micros,
                    reverses=entry,
                )
        except IntegrityError:  # reversed concurrently: the OneToOne allows one correction
            raise DomainError(ALREADY_REVERSED, code="already_reversed") from None
        event_record(
            action=events.SPEND_REVERSED,
            organization=budget.organization,
            actor=actor,
            obj=correction,
            before={"entry_id": entry.pk, "amount_cents": entry.amount_cents},
            after={
                "amount_cents": correction.amount_cents,
                "text": format_money(correction.amount_cents, budget.currency),
                "currency": budget.currency,
                "budget": budget.name,
            },
            reason=reason,
        )
    return correction
