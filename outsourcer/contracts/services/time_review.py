"""Reviewing time: approve (with the weekly-cap and budget guards) and reject, one or many
(logging is in time_entries.py)."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from outsourcer.accounts.models import User
from outsourcer.audit.events import event_record
from outsourcer.budgets.exchange import convert_cents
from outsourcer.budgets.ledger import budget_lock, budget_period_spent, spend_record
from outsourcer.budgets.models import Budget, SpendKind
from outsourcer.budgets.periods import budget_period, covers, iso_week
from outsourcer.contracts import events
from outsourcer.contracts.flows import TIME_ENTRY_FLOW
from outsourcer.contracts.models import (
    Contract,
    ContractStatus,
    RateModel,
    TimeEntry,
    TimeEntryStatus,
)
from outsourcer.contracts.selectors import time_entry_month_minutes, time_entry_week_minutes
from outsourcer.contracts.services._common import (
    GIVE_REASON,
    OVER_CAP,
    OVER_LIMIT,
    OWNER_ONLY,
    _clean_reason,
    _original,
)
from outsourcer.contracts.services.time_notices import time_reviewed_notify
from outsourcer.contracts.versions import StaleVersion, time_entry_check_version
from outsourcer.lib.durations import duration_text
from outsourcer.lib.errors import DomainError, OverrideRequired
from outsourcer.lib.money import cents_for_minutes, format_money

# --- review ----------------------------------------------------------------------------------


def _time_amount(entry: TimeEntry, contract: Contract) -> tuple[int, int]:
    """(amount in the contract's currency, billable minutes) that approving `entry` posts."""
    if contract.rate_model == RateModel.HOURLY:
        return cents_for_minutes(entry.minutes, contract.hourly_rate_cents), entry.minutes
    included = contract.included_minutes or 0
    before = time_entry_month_minutes(contract=contract, day=entry.worked_on, exclude_id=entry.pk)
    overage = max(0, before + entry.minutes - included) - max(0, before - included)
    return cents_for_minutes(overage, contract.overage_rate_cents or 0), overage


def _check_weekly_cap(entry: TimeEntry, contract: Contract, problems: list[str], details: dict) -> None:
    """Add the over-cap problem and its details when approving `entry` would pass the weekly cap."""
    if not contract.weekly_cap_minutes:
        return
    week = time_entry_week_minutes(contract=contract, day=entry.worked_on, exclude_id=entry.pk)
    total = week + entry.minutes
    if total > contract.weekly_cap_minutes:
        problems.append(
            OVER_CAP.format(
                total=duration_text(total),
                cap=duration_text(contract.weekly_cap_minutes),
                over=duration_text(total - contract.weekly_cap_minutes),
            )
        )
        week_span = iso_week(entry.worked_on)
        details.update(
            week_start=week_span.start.isoformat(), week_minutes=total, cap_minutes=contract.weekly_cap_minutes
        )


def _check_budget_limit(entry: TimeEntry, budget: Budget, amount: int, problems: list[str], details: dict) -> None:
    """Refuse a day the budget no longer covers; add the over-limit problem and its details when
    posting `amount` would pass the period's budget."""
    if not covers(starts_on=budget.starts_on, ends_on=budget.ends_on, day=entry.worked_on):
        raise DomainError("The budget no longer covers the day this time was worked.", code="outside_budget")
    period = budget_period(budget, entry.worked_on)
    spent = budget_period_spent(budget=budget, period_start=period.start)
    if spent + amount > budget.amount_cents:
        after = spent + amount
        problems.append(
            OVER_LIMIT.format(
                amount=format_money(amount, budget.currency),
                budget=budget.name,
                after=format_money(after, budget.currency),
                budgeted=format_money(budget.amount_cents, budget.currency),
                over=format_money(after - budget.amount_cents, budget.currency),
            )
        )
        details.update(
            period_start=period.start.isoformat(),
            spent_cents=spent,
            amount_cents=amount,
            budgeted_cents=budget.amount_cents,
            over_cents=after - budget.amount_cents,
        )


def _approve_one(
    entry: TimeEntry, actor: User, override_reason: str, may_override: bool, version: int | None = None
) -> TimeEntry:
    entry = TimeEntry.objects.select_for_update().select_related("contract", "contractor").get(pk=entry.pk)
    approved = TIME_ENTRY_FLOW.next(entry.status, "approve")
    time_entry_check_version(entry, version)
    contract = entry.contract
    if contract.status == ContractStatus.DRAFT:
        raise DomainError("Time on a draft contract cannot be approved.", code="contract_not_active")
    budget = budget_lock(contract.budget)
    original, billable = _time_amount(entry, contract)
    amount = convert_cents(
        original,
        from_currency=contract.currency,
        to_currency=budget.currency,
        rate_micros=contract.exchange_rate_micros,
    )
    problems, details = [], {"entry_id": entry.pk, "currency": budget.currency, "can_override": may_override}
    _check_weekly_cap(entry, contract, problems, details)
    if amount > 0:
        _check_budget_limit(entry, budget, amount, problems, details)
    if problems and not (may_override and override_reason):
        code = "over_budget" if "budgeted_cents" in details else "over_weekly_cap"
        raise OverrideRequired(
            " ".join(problems) + (GIVE_REASON if may_override else OWNER_ONLY), code=code, details=details
        )
    entry.status = approved
    entry.reviewed_by = actor
    entry.reviewed_at = timezone.now()
    entry.override_reason = override_reason if problems else ""
    entry.save(update_fields=["status", "reviewed_by", "reviewed_at", "override_reason", "updated_at"])
    spend = None
    if amount > 0:
        spend = spend_record(
            budget=budget,
            kind=SpendKind.TIME,
            amount_cents=amount,
            occurred_on=entry.worked_on,
            actor=actor,
            description=f"{contract.title}: {duration_text(billable)}" + (f" — {entry.note}" if entry.note else ""),
            contractor=entry.contractor,
            contract=contract,
            time_entry=entry,
            **_original(contract, original),
        )
    event_record(
        action=events.TIME_ENTRY_APPROVED_WITH_OVERRIDE if problems else events.TIME_ENTRY_APPROVED,
        organization=budget.organization,
        actor=actor,
        obj=entry,
        before={"status": TimeEntryStatus.SUBMITTED},
        after={
            "status": TimeEntryStatus.APPROVED,
            "minutes": entry.minutes,
            "worked_on": entry.worked_on.isoformat(),
            "contractor": entry.contractor.name,
            "contract": contract.title,
            "amount_cents": amount,
            "currency": budget.currency,
            "spend_entry_id": spend.pk if spend else None,
            "overrides": problems,
        },
        reason=override_reason if problems else "",
    )
    return entry


def time_entry_approve(
    *, entry: TimeEntry, actor: User, override_reason: str = "", may_override: bool = False, version: int | None = None
) -> TimeEntry:
    """Approve a submitted entry and post its spend (hourly: minutes × rate; retainer: only the
    minutes beyond the month's included minutes × overage rate). Locks the budget row. Raises
    OverrideRequired when the ISO week's approved minutes would pass the weekly cap, or the
    period's spend would pass 100 % of the budget, unless `may_override` ("time.override") and a
    reason; the reason is stored on the entry and in the event. With `version`, raises StaleVersion
    (409) when the entry changed since the reviewer saw that version."""
    override_reason = _clean_reason(override_reason, field="override_reason")
    with transaction.atomic():
        time_reviewed_notify(entries=[_approve_one(entry, actor, override_reason, may_override, version)])
    entry.refresh_from_db()
    return entry


def _ordered_for_review(entries: Iterable[TimeEntry]) -> list[TimeEntry]:
    entries = list({entry.pk: entry for entry in entries}.values())
    if not entries:
        raise DomainError("Choose at least one time entry.", field="entries")
    return sorted(entries, key=lambda e: (e.worked_on, e.pk))


def time_entry_approve_bulk(
    *,
    entries: Iterable[TimeEntry],
    actor: User,
    override_reason: str = "",
    may_override: bool = False,
    versions: dict[int, int] | None = None,
) -> list[TimeEntry]:
    """Approve several entries all-or-nothing in one transaction (oldest first); the first failure
    raises with the entry id in the message and `details` and nothing is approved. All-or-nothing
    because a partial batch leaves the reviewer guessing which rows went through. `versions` (entry
    id → version seen) binds each approval to what the reviewer saw, as in `time_entry_approve`."""
    versions = versions or {}
    override_reason = _clean_reason(override_reason, field="override_reason")
    entries = _ordered_for_review(entries)
    with transaction.atomic():
        # Lock every budget involved in one order, so two bulk approvals cannot deadlock.
        budget_ids = sorted({entry.contract.budget_id for entry in entries})
        list(Budget.objects.select_for_update().filter(pk__in=budget_ids).order_by("pk"))
        approved = []
        for entry in entries:
            try:
                approved.append(_approve_one(entry, actor, override_reason, may_override, versions.get(entry.pk)))
            except OverrideRequired as error:
                raise OverrideRequired(
                    f"Time entry #{entry.pk} ({entry.worked_on:%d %b}): {error.message}",
                    code=error.code,
                    details={**error.details, "entry_id": entry.pk},
                ) from None
            except DomainError as error:
                message = f"Time entry #{entry.pk} ({entry.worked_on:%d %b}): {error.message}"
                if isinstance(error, StaleVersion):
                    raise StaleVersion(message) from None
                raise DomainError(message, field="entries", code=error.code) from None
        time_reviewed_notify(entries=approved)
    return approved


def time_entry_reject(*, entry: TimeEntry, actor: User, reason: str, version: int | None = None) -> TimeEntry:
    """Reject a submitted entry with a required reason (StaleVersion when `version` is given and
    the entry changed since)."""
    reason = _clean_reason(reason, required=True)
    with transaction.atomic():
        time_reviewed_notify(entries=[_reject_one(entry, actor, reason, version)], reason=reason)
    entry.refresh_from_db()
    return entry


def _reject_one(entry: TimeEntry, actor: User, reason: str, version: int | None = None) -> TimeEntry:
    entry = TimeEntry.objects.select_for_update().select_related("contract", "contractor").get(pk=entry.pk)
    entry.status = TIME_ENTRY_FLOW.next(entry.status, "reject")
    time_entry_check_version(entry, version)
    entry.reviewed_by = actor
    entry.reviewed_at = timezone.now()
    entry.rejection_reason = reason
    entry.save(update_fields=["status", "reviewed_by", "reviewed_at", "rejection_reason", "updated_at"])
    event_record(
        action=events.TIME_ENTRY_REJECTED,
        organization=entry.contract.organization,
        actor=actor,
        obj=entry,
        before={"status": TimeEntryStatus.SUBMITTED},
        after={
            "status": TimeEntryStatus.REJECTED,
            "minutes": entry.minutes,
            "worked_on": entry.worked_on.isoformat(),
            "contractor": entry.contractor.name,
            "contract": entry.contract.title,
        },
        reason=reason,
    )
    return entry


def time_entry_reject_bulk(
    *, entries: Iterable[TimeEntry], actor: User, reason: str, versions: dict[int, int] | None = None
) -> list[TimeEntry]:
    """Reject several entries all-or-nothing with one reason (`versions` as in the bulk approval)."""
    versions = versions or {}
    reason = _clean_reason(reason, required=True)
    entries = _ordered_for_review(entries)
    with transaction.atomic():
        rejected = []
        for entry in entries:
            try:
                rejected.append(_reject_one(entry, actor, reason, versions.get(entry.pk)))
            except DomainError as error:
                if isinstance(error, StaleVersion):
                    raise StaleVersion(f"Time entry #{entry.pk}: {error.message}") from None
                raise DomainError(
                    f"Time entry #{entry.pk}: {error.message}", field="entries", code=error.code
                ) from None
        time_reviewed_notify(entries=rejected, reason=reason)
    return rejected
