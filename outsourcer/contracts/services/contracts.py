from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from outsourcer.accounts.models import Organization, User
from outsourcer.audit.events import event_record
from outsourcer.budgets.exchange import convert_cents
from outsourcer.budgets.ledger import budget_lock
from outsourcer.budgets.models import Budget
from outsourcer.budgets.periods import today_for
from outsourcer.budgets.selectors import budget_figures
from outsourcer.contractors.models import Contractor, EngagementStatus
from outsourcer.contracts import events
from outsourcer.contracts.commitments import contract_commitment
from outsourcer.contracts.flows import CONTRACT_FLOW
from outsourcer.contracts.models import Contract, ContractStatus, Milestone, MilestoneStatus, RateModel
from outsourcer.contracts.services._common import (
    ALL_TERM_FIELDS,
    NOT_DRAFT,
    _clean_reason,
    _over_budget,
)
from outsourcer.contracts.services.terms import _clean_milestones, _clean_terms
from outsourcer.lib.errors import DomainError, OverrideRequired
from outsourcer.lib.limits import (
    MAX_AMOUNT_CENTS,
)

# --- contracts -------------------------------------------------------------------------------


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


def _milestone_budget_cents(contract: Contract, amount_cents: int) -> int:
    return convert_cents(
        amount_cents,
        from_currency=contract.currency,
        to_currency=contract.budget.currency,
        rate_micros=contract.exchange_rate_micros,
    )


def _write_milestones(contract: Contract, milestones: list[dict[str, Any]]) -> None:
    contract.milestones.all().delete()
    Milestone.objects.bulk_create(
        Milestone(
            organization_id=contract.organization_id,
            contract=contract,
            position=index,
            title=m["title"],
            amount_cents=m["amount_cents"],
            due_on=m["due_on"],
            budget_amount_cents=_milestone_budget_cents(contract, m["amount_cents"]),
        )
        for index, m in enumerate(milestones)
    )


def _terms_snapshot(contract: Contract) -> dict[str, Any]:
    fields = ("title", "rate_model", "status", "currency", "exchange_rate_micros", *ALL_TERM_FIELDS)
    snapshot = {field: getattr(contract, field) for field in fields}
    snapshot.update(
        budget_id=contract.budget_id,
        contractor_id=contract.contractor_id,
        # Names too, so the activity log can say them as they were.
        budget=contract.budget.name,
        contractor=contract.contractor.name,
        starts_on=contract.starts_on.isoformat(),
        ends_on=contract.ends_on.isoformat() if contract.ends_on else None,
    )
    return snapshot


def _unsaved_contract(
    *,
    organization: Organization,
    actor: User | None,
    budget: Budget,
    contractor: Contractor,
    values: dict[str, Any],
    milestones: Sequence[dict[str, Any]],
) -> tuple[Contract, list[dict[str, Any]]]:
    cleaned = _clean_terms(organization=organization, budget=budget, contractor=contractor, values=values)
    milestone_rows = []
    if cleaned["rate_model"] == RateModel.FIXED:
        milestone_rows = _clean_milestones(
            milestones=milestones,
            total_cents=cleaned["total_cents"],
            starts_on=cleaned["starts_on"],
            ends_on=cleaned["ends_on"],
        )
    contract = Contract(organization=organization, budget=budget, contractor=contractor, created_by=actor, **cleaned)
    _budget_equivalents(contract)
    return contract, milestone_rows


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
    values = {
        "title": title,
        "rate_model": rate_model,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "currency": currency,
        "exchange_rate_micros": exchange_rate_micros,
        "hourly_rate_cents": hourly_rate_cents,
        "weekly_cap_minutes": weekly_cap_minutes,
        "monthly_fee_cents": monthly_fee_cents,
        "included_minutes": included_minutes,
        "overage_rate_cents": overage_rate_cents,
        "total_cents": total_cents,
    }
    contract, milestone_rows = _unsaved_contract(
        organization=organization,
        actor=actor,
        budget=budget,
        contractor=contractor,
        values=values,
        milestones=milestones,
    )
    with transaction.atomic():
        contract.save()
        _write_milestones(contract, milestone_rows)
        event_record(
            action=events.CONTRACT_CREATED,
            organization=organization,
            actor=actor,
            obj=contract,
            after=_terms_snapshot(contract),
        )
    return contract


def contract_update(*, contract: Contract, actor: User, **terms: Any) -> Contract:
    """Change a draft contract's terms (same keyword arguments as `contract_create`, absent ones
    keep their value; milestones replaced when given); DomainError once the contract is active."""
    if contract.status != ContractStatus.DRAFT:
        raise DomainError(NOT_DRAFT, code="not_draft")
    unknown = set(terms) - {
        "budget",
        "contractor",
        "title",
        "rate_model",
        "starts_on",
        "ends_on",
        "currency",
        "exchange_rate_micros",
        "milestones",
        *ALL_TERM_FIELDS,
    }
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
            milestones=milestones,
            total_cents=cleaned["total_cents"],
            starts_on=cleaned["starts_on"],
            ends_on=cleaned["ends_on"],
        )
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
            action=events.CONTRACT_UPDATED,
            organization=contract.organization,
            actor=actor,
            obj=contract,
            before=before,
            after=_terms_snapshot(contract),
        )
    return contract


def _lock_contract(contract: Contract) -> Contract:
    return Contract.objects.select_for_update().select_related("budget", "organization").get(pk=contract.pk)


def _activation_guard(
    contract: Contract, budget: Budget, *, today: date, may_override: bool, milestones: Sequence[tuple[date, int]] = ()
) -> tuple[OverrideRequired | None, int, int]:
    # The over-budget guard's refusal (None when the contract fits), its cost and what remained.
    commitment = contract_commitment(contract=contract, today=today, milestones=milestones)
    figures = budget_figures(budget=budget, today=commitment.since, period_start=commitment.period.start)
    cost, remaining = commitment.total_cents, figures.remaining_cents
    error = _over_budget(contract, budget, commitment, figures, may_override=may_override) if cost > remaining else None
    return error, cost, remaining


def contract_activation_check(
    *,
    organization: Organization,
    budget: Budget,
    contractor: Contractor,
    may_override: bool = False,
    today: date | None = None,
    milestones: Sequence[dict[str, Any]] = (),
    **terms: Any,
) -> OverrideRequired | None:
    """What activating a contract with these terms (as `contract_create` takes them) would meet
    from the over-budget guard, before the contract exists: its OverrideRequired, or None when it
    fits. Raises FieldErrors like `contract_create`; saves nothing (a GET may ask)."""
    contract, rows = _unsaved_contract(
        organization=organization, actor=None, budget=budget, contractor=contractor, values=terms, milestones=milestones
    )
    due = [(m["due_on"], _milestone_budget_cents(contract, m["amount_cents"])) for m in rows]
    today = today or today_for(organization)
    return _activation_guard(contract, budget, today=today, may_override=may_override, milestones=due)[0]


def contract_activate(
    *, contract: Contract, actor: User, override_reason: str = "", may_override: bool = False, today: date | None = None
) -> Contract:
    """draft → active. The guard: when the contract's cost for the budget period it starts in
    exceeds that period's remaining (budgeted − spent − committed − expected hourly spend), raise
    OverrideRequired (details: the sum, what fits) unless `may_override` (owners:
    "contract.override") and a reason; the reason is stored
    on the contract and in the event."""
    override_reason = _clean_reason(override_reason, field="override_reason")
    original = contract
    with transaction.atomic():
        budget = budget_lock(contract.budget)
        contract = _lock_contract(contract)
        CONTRACT_FLOW.next(contract.status, ContractStatus.ACTIVE)
        engagement = contract.engagement
        if engagement.status == EngagementStatus.ENDED:
            raise DomainError("Your engagement with this contractor has ended.", field="contractor")
        today = today or today_for(budget.organization)
        if contract.ends_on and contract.ends_on < today:
            raise DomainError("The contract's end date has passed; change it before activating.", field="ends_on")
        error, cost, remaining = _activation_guard(contract, budget, today=today, may_override=may_override)
        overridden = False
        if error is not None:
            if not (may_override and override_reason):
                raise error
            overridden = True
        contract.status = ContractStatus.ACTIVE
        contract.activated_at = timezone.now()
        contract.activation_override_reason = override_reason if overridden else ""
        contract.save(update_fields=["status", "activated_at", "activation_override_reason", "updated_at"])
        event_record(
            action=events.CONTRACT_ACTIVATED_OVER_BUDGET if overridden else events.CONTRACT_ACTIVATED,
            organization=budget.organization,
            actor=actor,
            obj=contract,
            before={"status": ContractStatus.DRAFT},
            after={
                "status": ContractStatus.ACTIVE,
                "cost_cents": cost,
                "remaining_cents": remaining,
                "currency": budget.currency,
                "budget": budget.name,
            },
            reason=override_reason if overridden else "",
        )
    original.refresh_from_db()
    return original


def _close(contract: Contract, actor: User, target: str, action: str) -> Contract:
    original = contract
    with transaction.atomic():
        locked = _lock_contract(contract)
        CONTRACT_FLOW.next(locked.status, target)
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
            action=action,
            organization=locked.organization,
            actor=actor,
            obj=locked,
            before={"status": before},
            after={"status": target},
        )
    original.refresh_from_db()
    return original


def contract_complete(*, contract: Contract, actor: User) -> Contract:
    """active → completed; a fixed-price contract needs every milestone accepted first."""
    return _close(contract, actor, ContractStatus.COMPLETED, events.CONTRACT_COMPLETED)


def contract_end(*, contract: Contract, actor: User) -> Contract:
    """draft/active → ended: stops commitments (pending milestones, future retainer months)."""
    return _close(contract, actor, ContractStatus.ENDED, events.CONTRACT_ENDED)


def contract_end_all_for_organization(organization: Organization, actor: User) -> None:
    """End every draft or active contract of a closing organization (accounts/services/closing.py), each
    with its usual `contract_ended` event, so no fee is posted and no time is logged any more."""
    open_contracts = Contract.objects.filter(
        organization=organization, status__in=[ContractStatus.DRAFT, ContractStatus.ACTIVE]
    ).order_by("pk")
    for contract in open_contracts:
        contract_end(contract=contract, actor=actor)
