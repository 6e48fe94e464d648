"""Every write for contracts, milestones and time entries, including the budget guard."""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from outsourcer.accounts.models import Organization, User
from outsourcer.audit.events import event_record
from outsourcer.budgets.exchange import convert_cents
from outsourcer.budgets.models import Budget, SpendEntry, SpendKind
from outsourcer.budgets.periods import budget_period, covers, iso_week, today_for
from outsourcer.budgets.selectors import budget_figures, budget_period_spent
from outsourcer.budgets.services import budget_lock, spend_record
from outsourcer.budgets.validation import MAX_AMOUNT_CENTS, MAX_RATE_MICROS, Errors
from outsourcer.contractors.models import Contractor, Engagement, EngagementStatus
from outsourcer.contracts import events
from outsourcer.contracts.flows import contract_transition_check
from outsourcer.contracts.models import (
    Contract,
    ContractStatus,
    Milestone,
    MilestoneStatus,
    RateModel,
    TimeEntry,
    TimeEntryStatus,
)
from outsourcer.contracts.selectors import contract_commitment, time_entry_month_minutes, time_entry_week_minutes
from outsourcer.lib.errors import DomainError, FieldErrors, OverrideRequired
from outsourcer.lib.money import cents_for_minutes, format_money

MAX_RATE_CENTS = 10**8  # per hour; keeps cap × rate × days inside BIGINT in the SQL forecast
MAX_WEEK_MINUTES = 7 * 24 * 60
MAX_MILESTONES = 50
TERM_FIELDS = {
    RateModel.HOURLY: ("hourly_rate_cents", "weekly_cap_minutes"),
    RateModel.RETAINER: ("monthly_fee_cents", "included_minutes", "overage_rate_cents"),
    RateModel.FIXED: ("total_cents",),
}
ALL_TERM_FIELDS = tuple(field for fields in TERM_FIELDS.values() for field in fields)

NOT_DRAFT = "Only a draft contract can be changed; its terms are fixed once it is active."
ALREADY_REVIEWED = "This time entry has already been reviewed."
NOT_LOGGABLE = "Time is logged against an active hourly or retainer contract."
OVER_BUDGET = "{contract} commits {cost} this period: {over} over the {remaining} remaining in “{budget}”."
OVER_BUDGET_NONE_LEFT = "{contract} commits {cost} this period, and “{budget}” has nothing left ({remaining})."
OVER_CAP = "This week would reach {total} of the {cap} weekly cap ({over} over)."
OVER_LIMIT = "Approving this posts {amount} and takes “{budget}” to {after} of {budgeted} ({over} over)."
OWNER_ONLY = " Only an owner can approve it with a reason."
GIVE_REASON = " Confirm with a reason to go ahead."


def _hours(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d} min" if rest else f"{hours} h"


# --- contracts -------------------------------------------------------------------------------


def _clean_terms(
    *, organization: Organization, budget: Budget, contractor: Contractor, values: dict[str, Any]
) -> dict[str, Any]:
    errors = Errors()
    rate_model = values.get("rate_model")
    if rate_model not in RateModel.values:
        errors.add("rate_model", "Choose hourly, retainer or fixed price.")
    if budget.organization_id != organization.pk:
        errors.add("budget", "Choose one of your budgets.")
    engagement = Engagement.objects.filter(organization=organization, contractor=contractor).first()
    if engagement is None:
        errors.add("contractor", "Choose one of your contractors.")
    elif engagement.status == EngagementStatus.ENDED:
        errors.add("contractor", "Your engagement with this contractor has ended; reactivate it first.")
    cleaned: dict[str, Any] = {
        "title": errors.text(values.get("title"), field="title", label="Title", max_length=200),
        "rate_model": rate_model,
        "starts_on": errors.day(values.get("starts_on"), field="starts_on", label="Start date"),
        "ends_on": errors.day(values.get("ends_on"), field="ends_on", label="End date", required=False),
        "engagement": engagement,
    }
    currency = values.get("currency") or budget.currency
    cleaned["currency"] = errors.currency(currency)
    rate = values.get("exchange_rate_micros")
    if cleaned["currency"] == budget.currency:
        if rate not in (None, 1_000_000):
            errors.add("exchange_rate_micros", "The contract is in the budget's currency; leave the rate empty.")
        rate = None
    else:
        rate = errors.integer(
            rate, field="exchange_rate_micros", label="Exchange rate", minimum=1, maximum=MAX_RATE_MICROS
        )
        if rate is None and "exchange_rate_micros" in errors:
            errors.errors["exchange_rate_micros"] = (
                f"A contract in {cleaned['currency']} needs the agreed rate to {budget.currency}."
            )
    cleaned["exchange_rate_micros"] = rate
    start, end = cleaned["starts_on"], cleaned["ends_on"]
    if start and end and end < start:
        errors.add("ends_on", "The end date is on or after the start date.")
    if start and not covers(starts_on=budget.starts_on, ends_on=budget.ends_on, day=start):
        errors.add("starts_on", "The contract must start while its budget runs.")
    if budget.ends_on and (end is None or end > budget.ends_on) and start:
        errors.add("ends_on", f"The budget ends on {budget.ends_on:%d %b %Y}; end the contract by then.")

    limits = {
        "hourly_rate_cents": ("Hourly rate", 1, MAX_RATE_CENTS),
        "weekly_cap_minutes": ("Weekly hour cap", 1, MAX_WEEK_MINUTES),
        "monthly_fee_cents": ("Monthly fee", 1, MAX_AMOUNT_CENTS),
        "included_minutes": ("Included hours", 0, 31 * 24 * 60),
        "overage_rate_cents": ("Overage rate", 0, MAX_RATE_CENTS),
        "total_cents": ("Total", 1, MAX_AMOUNT_CENTS),
    }
    for field in ALL_TERM_FIELDS:
        value = values.get(field)
        if rate_model in TERM_FIELDS and field in TERM_FIELDS[rate_model]:
            label, low, high = limits[field]
            cleaned[field] = errors.integer(value, field=field, label=label, minimum=low, maximum=high)
        else:
            cleaned[field] = None  # terms of the other models never linger on a contract
    errors.raise_if_any()
    return cleaned


def _clean_milestones(
    *, milestones: Sequence[dict[str, Any]], total_cents: int, starts_on: date, ends_on: date | None
) -> list[dict[str, Any]]:
    errors: dict[str, str] = {}
    if not milestones:
        raise DomainError("A fixed-price contract needs at least one milestone.", field="milestones")
    if len(milestones) > MAX_MILESTONES:
        raise DomainError(f"At most {MAX_MILESTONES} milestones.", field="milestones")
    cleaned = []
    for index, raw in enumerate(milestones):
        item = Errors()
        title = item.text(raw.get("title"), field="title", label="Title", max_length=200)
        amount = item.integer(raw.get("amount_cents"), field="amount_cents", label="Amount", minimum=1)
        due_on = item.day(raw.get("due_on"), field="due_on", label="Due date")
        if due_on and (due_on < starts_on or (ends_on and due_on > ends_on)):
            item.add("due_on", "The due date falls within the contract's dates.")
        for field, message in item.errors.items():
            errors.setdefault(f"milestones.{index}.{field}", message)
        cleaned.append({"title": title, "amount_cents": amount, "due_on": due_on})
    if errors:
        raise FieldErrors(errors)
    total = sum(m["amount_cents"] for m in cleaned)
    if total != total_cents:
        raise DomainError(
            f"Milestone amounts add up to {total}, not the total of {total_cents} (in cents).", field="milestones"
        )
    return cleaned


def _budget_equivalents(contract: Contract) -> None:
    def convert(cents: int | None) -> int | None:
        if cents is None:
            return None
        return convert_cents(
            cents,
            from_currency=contract.currency,
            to_currency=contract.budget.currency,
            rate_micros=contract.exchange_rate_micros,
        )

    contract.hourly_rate_budget_cents = convert(contract.hourly_rate_cents)
    contract.monthly_fee_budget_cents = convert(contract.monthly_fee_cents)
    contract.total_budget_cents = convert(contract.total_cents)
    too_big = [
        value
        for value in (contract.hourly_rate_budget_cents, contract.monthly_fee_budget_cents, contract.total_budget_cents)
        if value is not None and value > MAX_AMOUNT_CENTS
    ]
    if too_big:
        raise DomainError("At this exchange rate the amounts are too large.", field="exchange_rate_micros")


def _write_milestones(contract: Contract, milestones: list[dict[str, Any]]) -> None:
    contract.milestones.all().delete()
    Milestone.objects.bulk_create(
        Milestone(
            organization_id=contract.organization_id, contract=contract, position=index, title=m["title"],
            amount_cents=m["amount_cents"], due_on=m["due_on"],
            budget_amount_cents=convert_cents(
                m["amount_cents"], from_currency=contract.currency, to_currency=contract.budget.currency,
                rate_micros=contract.exchange_rate_micros,
            ),
        )
        for index, m in enumerate(milestones)
    )  # fmt: skip


def _terms_snapshot(contract: Contract) -> dict[str, Any]:
    fields = ("title", "rate_model", "status", "currency", "exchange_rate_micros", *ALL_TERM_FIELDS)
    snapshot = {field: getattr(contract, field) for field in fields}
    snapshot.update(
        budget_id=contract.budget_id, contractor_id=contract.contractor_id, starts_on=contract.starts_on.isoformat(),
        ends_on=contract.ends_on.isoformat() if contract.ends_on else None,
    )  # fmt: skip
    return snapshot


def contract_create(
    *,
    organization: Organization,
    actor: User,
    budget: Budget,
    contractor: Contractor,
    title: str,
    rate_model: str,
    starts_on: date,
    ends_on: date | None = None,
    currency: str = "",
    exchange_rate_micros: int | None = None,
    hourly_rate_cents: int | None = None,
    weekly_cap_minutes: int | None = None,
    monthly_fee_cents: int | None = None,
    included_minutes: int | None = None,
    overage_rate_cents: int | None = None,
    total_cents: int | None = None,
    milestones: Sequence[dict[str, Any]] = (),
) -> Contract:
    """Create a draft contract (with its milestones for fixed price, whose amounts must sum to the
    total) in one transaction. Needs an engagement between the organization and the contractor;
    a currency other than the budget's needs `exchange_rate_micros`. Raises FieldErrors."""
    values = {k: v for k, v in locals().items() if k not in {"organization", "actor", "budget", "contractor"}}
    cleaned = _clean_terms(organization=organization, budget=budget, contractor=contractor, values=values)
    milestone_rows = []
    if cleaned["rate_model"] == RateModel.FIXED:
        milestone_rows = _clean_milestones(
            milestones=milestones, total_cents=cleaned["total_cents"], starts_on=cleaned["starts_on"],
            ends_on=cleaned["ends_on"],
        )  # fmt: skip
    contract = Contract(organization=organization, budget=budget, contractor=contractor, created_by=actor, **cleaned)
    _budget_equivalents(contract)
    with transaction.atomic():
        contract.save()
        _write_milestones(contract, milestone_rows)
        event_record(
            action=events.CONTRACT_CREATED, organization=organization, actor=actor, obj=contract,
            after=_terms_snapshot(contract),
        )  # fmt: skip
    return contract


def contract_update(*, contract: Contract, actor: User, **terms: Any) -> Contract:
    """Change a draft contract's terms (same keyword arguments as `contract_create`, absent ones
    keep their value; milestones replaced when given); DomainError once the contract is active."""
    if contract.status != ContractStatus.DRAFT:
        raise DomainError(NOT_DRAFT, code="not_draft")
    unknown = set(terms) - {"budget", "contractor", "title", "rate_model", "starts_on", "ends_on", "currency",
                            "exchange_rate_micros", "milestones", *ALL_TERM_FIELDS}  # fmt: skip
    if unknown:
        raise TypeError(f"unexpected terms: {sorted(unknown)}")
    budget = terms.pop("budget", contract.budget)
    contractor = terms.pop("contractor", contract.contractor)
    milestones = terms.pop("milestones", None)
    fields = ("title", "rate_model", "starts_on", "ends_on", "currency", "exchange_rate_micros", *ALL_TERM_FIELDS)
    values = {field: getattr(contract, field) for field in fields}
    values.update(terms)
    cleaned = _clean_terms(organization=contract.organization, budget=budget, contractor=contractor, values=values)
    milestone_rows = None
    if cleaned["rate_model"] == RateModel.FIXED:
        if milestones is None:
            milestones = [
                {"title": m.title, "amount_cents": m.amount_cents, "due_on": m.due_on}
                for m in contract.milestones.all()
            ]
        milestone_rows = _clean_milestones(
            milestones=milestones, total_cents=cleaned["total_cents"], starts_on=cleaned["starts_on"],
            ends_on=cleaned["ends_on"],
        )  # fmt: skip
    with transaction.atomic():
        locked = Contract.objects.select_for_update().get(pk=contract.pk)
        if locked.status != ContractStatus.DRAFT:
            raise DomainError(NOT_DRAFT, code="not_draft")
        before = _terms_snapshot(contract)
        contract.budget, contract.contractor = budget, contractor
        for field, value in cleaned.items():
            setattr(contract, field, value)
        _budget_equivalents(contract)
        contract.save()
        _write_milestones(contract, milestone_rows or [])
        event_record(
            action=events.CONTRACT_UPDATED, organization=contract.organization, actor=actor, obj=contract,
            before=before, after=_terms_snapshot(contract),
        )  # fmt: skip
    return contract


def _lock_contract(contract: Contract) -> Contract:
    return Contract.objects.select_for_update().select_related("budget", "organization").get(pk=contract.pk)


def contract_activate(
    *, contract: Contract, actor: User, override_reason: str = "", may_override: bool = False, today: date | None = None
) -> Contract:
    """draft → active. The guard: when the contract's committed cost for the budget period it
    starts in exceeds that period's remaining, raise OverrideRequired (details: cost, remaining,
    over) unless `may_override` (owners: "contract.override") and a reason; the reason is stored
    on the contract and in the event."""
    override_reason = _clean_reason(override_reason, field="override_reason")
    original = contract
    with transaction.atomic():
        budget = budget_lock(contract.budget)
        contract = _lock_contract(contract)
        contract_transition_check(contract.status, ContractStatus.ACTIVE)
        engagement = contract.engagement
        if engagement.status == EngagementStatus.ENDED:
            raise DomainError("Your engagement with this contractor has ended.", field="contractor")
        today = today or today_for(budget.organization)
        if contract.ends_on and contract.ends_on < today:
            raise DomainError("The contract's end date has passed; change it before activating.", field="ends_on")
        commitment = contract_commitment(contract=contract, today=today)
        figures = budget_figures(budget=budget, today=commitment.since, period_start=commitment.period.start)
        cost, remaining = commitment.total_cents, figures.remaining_cents
        overridden = False
        if cost > remaining:
            details = {
                "currency": budget.currency, "cost_cents": cost, "remaining_cents": remaining,
                "over_cents": cost - max(remaining, 0), "budget_id": budget.pk,
                "period_start": commitment.period.start.isoformat(), "can_override": may_override,
            }  # fmt: skip
            money = {
                "contract": contract.title, "budget": budget.name, "cost": format_money(cost, budget.currency),
                "remaining": format_money(remaining, budget.currency),
                "over": format_money(cost - max(remaining, 0), budget.currency),
            }  # fmt: skip
            message = (OVER_BUDGET if remaining > 0 else OVER_BUDGET_NONE_LEFT).format(**money)
            if not (may_override and override_reason):
                raise OverrideRequired(
                    message + (GIVE_REASON if may_override else OWNER_ONLY.replace("approve", "activate")),
                    code="over_budget",
                    details=details,
                )
            overridden = True
        contract.status = ContractStatus.ACTIVE
        contract.activated_at = timezone.now()
        contract.activation_override_reason = override_reason if overridden else ""
        contract.save(update_fields=["status", "activated_at", "activation_override_reason", "updated_at"])
        event_record(
            action=events.CONTRACT_ACTIVATED_OVER_BUDGET if overridden else events.CONTRACT_ACTIVATED,
            organization=budget.organization, actor=actor, obj=contract,
            before={"status": ContractStatus.DRAFT},
            after={"status": ContractStatus.ACTIVE, "cost_cents": cost, "remaining_cents": remaining},
            reason=override_reason if overridden else "",
        )  # fmt: skip
    original.refresh_from_db()
    return original


def _close(contract: Contract, actor: User, target: str, action: str) -> Contract:
    original = contract
    with transaction.atomic():
        locked = _lock_contract(contract)
        contract_transition_check(locked.status, target)
        if target == ContractStatus.COMPLETED and locked.rate_model == RateModel.FIXED:
            if locked.milestones.filter(status=MilestoneStatus.PENDING).exists():
                raise DomainError(
                    "Accept every milestone before completing the contract, or end it instead.",
                    code="pending_milestones",
                )
        before = locked.status
        locked.status = target
        locked.closed_at = timezone.now()
        locked.save(update_fields=["status", "closed_at", "updated_at"])
        event_record(
            action=action, organization=locked.organization, actor=actor, obj=locked,
            before={"status": before}, after={"status": target},
        )  # fmt: skip
    original.refresh_from_db()
    return original


def contract_complete(*, contract: Contract, actor: User) -> Contract:
    """active → completed; a fixed-price contract needs every milestone accepted first."""
    return _close(contract, actor, ContractStatus.COMPLETED, events.CONTRACT_COMPLETED)


def contract_end(*, contract: Contract, actor: User) -> Contract:
    """draft/active → ended: stops commitments (pending milestones, future retainer months)."""
    return _close(contract, actor, ContractStatus.ENDED, events.CONTRACT_ENDED)


# --- milestones ------------------------------------------------------------------------------


def milestone_accept(*, milestone: Milestone, actor: User, today: date | None = None) -> SpendEntry:
    """Accept a pending milestone of an active fixed-price contract and post its amount once,
    dated today. Not guarded by the 100 % limit: the amount was committed when the contract was
    activated (and overridden then if it did not fit)."""
    with transaction.atomic():
        budget = budget_lock(milestone.contract.budget)
        milestone = Milestone.objects.select_for_update().select_related("contract").get(pk=milestone.pk)
        contract = milestone.contract
        if milestone.status != MilestoneStatus.PENDING:
            raise DomainError("This milestone has already been accepted.", code="already_accepted")
        if contract.status != ContractStatus.ACTIVE:
            raise DomainError("Milestones are accepted while the contract is active.", code="contract_not_active")
        today = today or today_for(budget.organization)
        milestone.status = MilestoneStatus.ACCEPTED
        milestone.accepted_at = timezone.now()
        milestone.accepted_by = actor
        milestone.save(update_fields=["status", "accepted_at", "accepted_by"])
        entry = spend_record(
            budget=budget, kind=SpendKind.MILESTONE, amount_cents=milestone.budget_amount_cents, occurred_on=today,
            actor=actor, description=f"{contract.title}: {milestone.title}", contractor=contract.contractor,
            contract=contract, milestone=milestone, **_original(contract, milestone.amount_cents),
        )  # fmt: skip
        event_record(
            action=events.MILESTONE_ACCEPTED, organization=budget.organization, actor=actor, obj=milestone,
            before={"status": MilestoneStatus.PENDING},
            after={"status": MilestoneStatus.ACCEPTED, "amount_cents": entry.amount_cents, "spend_entry_id": entry.pk},
        )  # fmt: skip
    return entry


def _original(contract: Contract, amount_cents: int) -> dict[str, Any]:
    if contract.exchange_rate_micros is None:
        return {}
    return {
        "original_amount_cents": amount_cents,
        "original_currency": contract.currency,
        "exchange_rate_micros": contract.exchange_rate_micros,
    }


# --- time entries ----------------------------------------------------------------------------


def _contractor_today(contractor: Contractor) -> date:
    try:
        zone = ZoneInfo(contractor.time_zone)
    except Exception:
        zone = ZoneInfo("UTC")
    return timezone.localdate(timezone=zone)


def _clean_time(*, contract: Contract, contractor: Contractor, worked_on, minutes, note) -> tuple[date, int, str]:
    errors = Errors()
    worked_on = errors.day(worked_on, field="worked_on", label="Date")
    minutes = errors.integer(minutes, field="minutes", label="Minutes", minimum=1, maximum=24 * 60)
    note = errors.text(note, field="note", label="Note", max_length=500, required=False)
    if worked_on:
        if worked_on > _contractor_today(contractor):
            errors.add("worked_on", "Log time for today or an earlier day.")
        elif worked_on < contract.starts_on or (contract.ends_on and worked_on > contract.ends_on):
            end = f"{contract.ends_on:%d %b %Y}" if contract.ends_on else "open end"
            errors.add("worked_on", f"The contract runs from {contract.starts_on:%d %b %Y} to {end}.")
    errors.raise_if_any()
    return worked_on, minutes, note


def time_entry_create(
    *, contractor: Contractor, contract: Contract, worked_on: date, minutes: int, note: str = ""
) -> TimeEntry:
    """Log time against the contractor's own ACTIVE hourly or retainer contract (1–1440 minutes,
    within the contract's dates, not in the contractor's future)."""
    if contract.contractor_id != contractor.pk:
        raise DomainError("Choose one of your contracts.", field="contract")
    if contract.status != ContractStatus.ACTIVE or contract.rate_model == RateModel.FIXED:
        raise DomainError(NOT_LOGGABLE, field="contract", code="not_loggable")
    worked_on, minutes, note = _clean_time(
        contract=contract, contractor=contractor, worked_on=worked_on, minutes=minutes, note=note
    )
    with transaction.atomic():
        entry = TimeEntry.objects.create(
            organization_id=contract.organization_id, contractor=contractor, contract=contract, worked_on=worked_on,
            minutes=minutes, note=note,
        )  # fmt: skip
        event_record(
            action=events.TIME_ENTRY_CREATED, organization=contract.organization, actor=contractor.user, obj=entry,
            after={"worked_on": worked_on.isoformat(), "minutes": minutes, "contract_id": contract.pk},
        )  # fmt: skip
    return entry


def time_entry_update(
    *, entry: TimeEntry, contractor: Contractor, worked_on: date, minutes: int, note: str = ""
) -> TimeEntry:
    """Edit a submitted entry; DomainError once it is reviewed or the contract is no longer active."""
    if entry.contractor_id != contractor.pk:
        raise DomainError("Choose one of your time entries.")
    contract = entry.contract
    worked_on, minutes, note = _clean_time(
        contract=contract, contractor=contractor, worked_on=worked_on, minutes=minutes, note=note
    )
    with transaction.atomic():
        locked = TimeEntry.objects.select_for_update().get(pk=entry.pk)
        if locked.status != TimeEntryStatus.SUBMITTED:
            raise DomainError(ALREADY_REVIEWED, code="already_reviewed")
        if contract.status != ContractStatus.ACTIVE:
            raise DomainError(NOT_LOGGABLE, field="contract", code="not_loggable")
        before = {"worked_on": locked.worked_on.isoformat(), "minutes": locked.minutes, "note": locked.note}
        locked.worked_on, locked.minutes, locked.note = worked_on, minutes, note
        locked.save(update_fields=["worked_on", "minutes", "note", "updated_at"])
        event_record(
            action=events.TIME_ENTRY_UPDATED, organization=contract.organization, actor=contractor.user, obj=locked,
            before=before, after={"worked_on": worked_on.isoformat(), "minutes": minutes, "note": note},
        )  # fmt: skip
    return locked


def _clean_reason(reason: str, *, field: str = "reason", required: bool = False) -> str:
    errors = Errors()
    reason = errors.text(reason, field=field, label="Reason", max_length=500, required=required)
    errors.raise_if_any()
    return reason


def _time_amount(entry: TimeEntry, contract: Contract) -> tuple[int, int]:
    """(amount in the contract's currency, billable minutes) that approving `entry` posts."""
    if contract.rate_model == RateModel.HOURLY:
        return cents_for_minutes(entry.minutes, contract.hourly_rate_cents), entry.minutes
    included = contract.included_minutes or 0
    before = time_entry_month_minutes(contract=contract, day=entry.worked_on, exclude_id=entry.pk)
    overage = max(0, before + entry.minutes - included) - max(0, before - included)
    return cents_for_minutes(overage, contract.overage_rate_cents or 0), overage


def _approve_one(entry: TimeEntry, actor: User, override_reason: str, may_override: bool) -> TimeEntry:
    entry = TimeEntry.objects.select_for_update().select_related("contract", "contractor").get(pk=entry.pk)
    if entry.status != TimeEntryStatus.SUBMITTED:
        raise DomainError(ALREADY_REVIEWED, code="already_reviewed", field="status")
    contract = entry.contract
    if contract.status == ContractStatus.DRAFT:
        raise DomainError("Time on a draft contract cannot be approved.", code="contract_not_active")
    budget = budget_lock(contract.budget)
    original, billable = _time_amount(entry, contract)
    amount = convert_cents(
        original, from_currency=contract.currency, to_currency=budget.currency,
        rate_micros=contract.exchange_rate_micros,
    )  # fmt: skip
    problems, details = [], {"entry_id": entry.pk, "currency": budget.currency, "can_override": may_override}
    if contract.weekly_cap_minutes:
        week = time_entry_week_minutes(contract=contract, day=entry.worked_on, exclude_id=entry.pk)
        total = week + entry.minutes
        if total > contract.weekly_cap_minutes:
            problems.append(
                OVER_CAP.format(
                    total=_hours(total), cap=_hours(contract.weekly_cap_minutes),
                    over=_hours(total - contract.weekly_cap_minutes),
                )
            )  # fmt: skip
            week_span = iso_week(entry.worked_on)
            details.update(
                week_start=week_span.start.isoformat(), week_minutes=total, cap_minutes=contract.weekly_cap_minutes
            )
    if amount > 0:
        if not covers(starts_on=budget.starts_on, ends_on=budget.ends_on, day=entry.worked_on):
            raise DomainError("The budget no longer covers the day this time was worked.", code="outside_budget")
        period = budget_period(budget, entry.worked_on)
        spent = budget_period_spent(budget=budget, period_start=period.start)
        if spent + amount > budget.amount_cents:
            after = spent + amount
            problems.append(
                OVER_LIMIT.format(
                    amount=format_money(amount, budget.currency), budget=budget.name,
                    after=format_money(after, budget.currency), budgeted=format_money(budget.amount_cents,
                                                                                      budget.currency),
                    over=format_money(after - budget.amount_cents, budget.currency),
                )
            )  # fmt: skip
            details.update(
                period_start=period.start.isoformat(), spent_cents=spent, amount_cents=amount,
                budgeted_cents=budget.amount_cents, over_cents=after - budget.amount_cents,
            )  # fmt: skip
    if problems and not (may_override and override_reason):
        code = "over_budget" if "budgeted_cents" in details else "over_weekly_cap"
        raise OverrideRequired(
            " ".join(problems) + (GIVE_REASON if may_override else OWNER_ONLY), code=code, details=details
        )
    entry.status = TimeEntryStatus.APPROVED
    entry.reviewed_by = actor
    entry.reviewed_at = timezone.now()
    entry.override_reason = override_reason if problems else ""
    entry.save(update_fields=["status", "reviewed_by", "reviewed_at", "override_reason", "updated_at"])
    spend = None
    if amount > 0:
        spend = spend_record(
            budget=budget, kind=SpendKind.TIME, amount_cents=amount, occurred_on=entry.worked_on, actor=actor,
            description=f"{contract.title}: {_hours(billable)}" + (f" — {entry.note}" if entry.note else ""),
            contractor=entry.contractor, contract=contract, time_entry=entry, **_original(contract, original),
        )  # fmt: skip
    event_record(
        action=events.TIME_ENTRY_APPROVED_WITH_OVERRIDE if problems else events.TIME_ENTRY_APPROVED,
        organization=budget.organization, actor=actor, obj=entry,
        before={"status": TimeEntryStatus.SUBMITTED},
        after={"status": TimeEntryStatus.APPROVED, "minutes": entry.minutes, "amount_cents": amount,
               "spend_entry_id": spend.pk if spend else None, "overrides": problems},
        reason=override_reason if problems else "",
    )  # fmt: skip
    return entry


def time_entry_approve(
    *, entry: TimeEntry, actor: User, override_reason: str = "", may_override: bool = False
) -> TimeEntry:
    """Approve a submitted entry and post its spend (hourly: minutes × rate; retainer: only the
    minutes beyond the month's included minutes × overage rate). Locks the budget row. Raises
    OverrideRequired when the ISO week's approved minutes would pass the weekly cap, or the
    period's spend would pass 100 % of the budget, unless `may_override` ("time.override") and a
    reason; the reason is stored on the entry and in the event."""
    override_reason = _clean_reason(override_reason, field="override_reason")
    with transaction.atomic():
        _approve_one(entry, actor, override_reason, may_override)
    entry.refresh_from_db()
    return entry


def _ordered_for_review(entries: Iterable[TimeEntry]) -> list[TimeEntry]:
    entries = list({entry.pk: entry for entry in entries}.values())
    if not entries:
        raise DomainError("Choose at least one time entry.", field="entries")
    return sorted(entries, key=lambda e: (e.worked_on, e.pk))


def time_entry_approve_bulk(
    *, entries: Iterable[TimeEntry], actor: User, override_reason: str = "", may_override: bool = False
) -> list[TimeEntry]:
    """Approve several entries all-or-nothing in one transaction (oldest first); the first failure
    raises with the entry id in the message and `details` and nothing is approved. All-or-nothing
    because a partial batch leaves the reviewer guessing which rows went through."""
    override_reason = _clean_reason(override_reason, field="override_reason")
    entries = _ordered_for_review(entries)
    with transaction.atomic():
        # Lock every budget involved in one order, so two bulk approvals cannot deadlock.
        budget_ids = sorted({entry.contract.budget_id for entry in entries})
        list(Budget.objects.select_for_update().filter(pk__in=budget_ids).order_by("pk"))
        approved = []
        for entry in entries:
            try:
                approved.append(_approve_one(entry, actor, override_reason, may_override))
            except OverrideRequired as error:
                raise OverrideRequired(
                    f"Time entry #{entry.pk} ({entry.worked_on:%d %b}): {error.message}",
                    code=error.code, details={**error.details, "entry_id": entry.pk},
                ) from None  # fmt: skip
            except DomainError as error:
                raise DomainError(
                    f"Time entry #{entry.pk} ({entry.worked_on:%d %b}): {error.message}", field="entries",
                    code=error.code,
                ) from None  # fmt: skip
    return approved


def time_entry_reject(*, entry: TimeEntry, actor: User, reason: str) -> TimeEntry:
    """Reject a submitted entry with a required reason."""
    reason = _clean_reason(reason, required=True)
    with transaction.atomic():
        _reject_one(entry, actor, reason)
    entry.refresh_from_db()
    return entry


def _reject_one(entry: TimeEntry, actor: User, reason: str) -> TimeEntry:
    entry = TimeEntry.objects.select_for_update().select_related("contract").get(pk=entry.pk)
    if entry.status != TimeEntryStatus.SUBMITTED:
        raise DomainError(ALREADY_REVIEWED, code="already_reviewed", field="status")
    entry.status = TimeEntryStatus.REJECTED
    entry.reviewed_by = actor
    entry.reviewed_at = timezone.now()
    entry.rejection_reason = reason
    entry.save(update_fields=["status", "reviewed_by", "reviewed_at", "rejection_reason", "updated_at"])
    event_record(
        action=events.TIME_ENTRY_REJECTED, organization=entry.contract.organization, actor=actor, obj=entry,
        before={"status": TimeEntryStatus.SUBMITTED}, after={"status": TimeEntryStatus.REJECTED}, reason=reason,
    )  # fmt: skip
    return entry


def time_entry_reject_bulk(*, entries: Iterable[TimeEntry], actor: User, reason: str) -> list[TimeEntry]:
    """Reject several entries all-or-nothing with one reason."""
    reason = _clean_reason(reason, required=True)
    entries = _ordered_for_review(entries)
    with transaction.atomic():
        rejected = []
        for entry in entries:
            try:
                rejected.append(_reject_one(entry, actor, reason))
            except DomainError as error:
                raise DomainError(
                    f"Time entry #{entry.pk}: {error.message}", field="entries", code=error.code
                ) from None
    return rejected
