"""API: budgets with their figures, the ledger (read, reverse), expenses and the rate-model advisor.

Organization members only (contractors never see budgets: a portal token gets 404). Reading needs
"budget.view" (every role); creating and changing budgets "budget.manage" (owners); expenses
"expense.record" (owners, managers); reversals "ledger.correct" (owners). The ledger has no PUT,
PATCH or DELETE: it is append-only. Expenses are recorded without a receipt here; receipts are
uploaded on the budget page (multipart), since JSON bodies carry no files.
"""

from datetime import date, datetime
from typing import Annotated, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from outsourcer.accounts.own_work import access_not_own_work
from outsourcer.api.auth import org_context
from outsourcer.api.errors import with_errors
from outsourcer.api.pagination import paginated
from outsourcer.api.schemas import Currency, Day, Name, ObjectId, PositiveCents, RateMicros, Text
from outsourcer.budgets import advisor, selectors, services
from outsourcer.budgets.access import access_budget, access_spend_entry
from outsourcer.budgets.models import Budget
from outsourcer.contractors.access import access_engagement_contractor, access_engagement_contractor_id
from outsourcer.lib.limits import MAX_ESTIMATE_MINUTES, MAX_THRESHOLD_PERCENT, MAX_THRESHOLDS, MAX_WEEKS

router = Router(tags=["budgets"])

PeriodName = Literal["one_off", "monthly", "quarterly", "yearly"]
SpendKindName = Literal["time", "milestone", "retainer_fee", "expense", "correction"]
Threshold = Annotated[int, Field(ge=1, le=MAX_THRESHOLD_PERCENT)]
Minutes = Annotated[int, Field(ge=1, le=MAX_ESTIMATE_MINUTES, description="Minutes (1 minute to 10,000 hours)")]


class FiguresOut(Schema):
    period_start: date
    period_end: date
    currency: str
    budgeted_cents: int
    spent_cents: int
    committed_cents: int = Field(description="Unpaid milestones due in the period + retainer months not yet posted")
    remaining_cents: int = Field(description="budgeted − spent − committed − expected hourly spend; negative when over")
    forecast_hourly_cents: int = Field(description="Active hourly contracts: weekly cap × weeks left × rate")
    percent_spent: int
    projected_cents: int = Field(description="spent + committed + expected hourly; status and remaining follow it")
    percent_projected: int
    status: Literal["ok", "warn", "over"]


class BudgetOut(Schema):
    id: int
    name: str
    period: PeriodName
    starts_on: date
    ends_on: date | None
    amount_cents: int
    currency: str
    thresholds: list[int]
    created_at: datetime
    figures: FiguresOut


class BudgetIn(Schema):
    name: Name
    period: PeriodName
    starts_on: Day
    ends_on: Day | None = Field(None, description="Required for a one-off budget")
    amount_cents: PositiveCents
    currency: Currency
    thresholds: Annotated[list[Threshold], Field(min_length=1, max_length=MAX_THRESHOLDS)] | None = Field(
        None, description="Alert thresholds in percent, ascending (default 50, 80, 100)"
    )


class BudgetPatch(Schema):
    """Fields left out stay as they are; `ends_on: null` removes the end of a recurring budget."""

    name: Name | None = None
    period: PeriodName | None = None
    starts_on: Day | None = None
    ends_on: Day | None = None
    amount_cents: PositiveCents | None = None
    currency: Currency | None = None
    thresholds: Annotated[list[Threshold], Field(min_length=1, max_length=MAX_THRESHOLDS)] | None = None


class PeriodOut(Schema):
    period_start: date
    period_end: date
    spent_cents: int


class BurnPointOut(Schema):
    day: date
    spent_cents: int = Field(description="Cumulative spend in the period at the end of the day")


class ContractorSpendOut(Schema):
    contractor_id: int | None
    name: str
    spent_cents: int


class SummaryOut(Schema):
    budget: BudgetOut
    figures: FiguresOut = Field(description="For the requested period (default: the current one)")
    run_out_on: date | None = Field(description="Current period only: when the budget runs out at the 30-day burn")
    burn: list[BurnPointOut]
    by_contractor: list[ContractorSpendOut]
    history: list[PeriodOut]


class SpendEntryOut(Schema):
    id: int
    kind: SpendKindName
    amount_cents: int
    currency: str
    occurred_on: date
    period_start: date
    description: str
    contractor_id: int | None
    contractor_name: str | None
    contract_id: int | None
    original_amount_cents: int | None
    original_currency: str
    exchange_rate_micros: int | None
    reverses_id: int | None
    reversed_by_id: int | None
    has_receipt: bool
    created_by: str | None
    created_at: datetime

    @staticmethod
    def resolve_contractor_name(obj) -> str | None:
        return obj.contractor.name if obj.contractor_id else None

    @staticmethod
    def resolve_reversed_by_id(obj) -> int | None:
        reversed_by = getattr(obj, "reversed_by", None)
        return reversed_by.pk if reversed_by else None

    @staticmethod
    def resolve_has_receipt(obj) -> bool:
        return bool(obj.receipt)

    @staticmethod
    def resolve_created_by(obj) -> str | None:
        return obj.created_by.display_name if obj.created_by_id else None


class ExpenseIn(Schema):
    amount_cents: PositiveCents
    occurred_on: Day
    description: Text(500, min_length=1)
    engagement_id: ObjectId | None = Field(None, description="The contractor (engagement id) it was for, if any")


class ReverseIn(Schema):
    reason: Text(500, min_length=1)


class AdviceIn(Schema):
    low_minutes: Minutes
    high_minutes: Minutes | None = Field(None, description="Upper end of the estimate (default: low_minutes)")
    engagement_id: ObjectId | None = Field(None, description="Use this contractor's default rate and volume tiers")
    rate_cents: PositiveCents | None = Field(None, description="Hourly rate in the budget's currency")
    exchange_rate_micros: RateMicros | None = Field(
        None, description="Budget units per contractor-currency unit × 1,000,000, when their currencies differ"
    )
    weeks: Annotated[int, Field(ge=1, le=MAX_WEEKS)] | None = Field(
        None, description="Default: weeks left in the period"
    )


class RateAdviceOut(Schema):
    rate_model: Literal["hourly", "fixed", "retainer"]
    low_cents: int
    high_cents: int
    expected_cents: int
    percent_of_remaining: int | None
    rate_cents: int
    months: int
    monthly_fee_cents: int
    explanation: str
    is_cheapest: bool


class AdviceOut(Schema):
    currency: str
    remaining_cents: int
    weeks: int
    options: list[RateAdviceOut]


class LedgerFilters(Schema):
    kind: SpendKindName | None = None
    engagement_id: ObjectId | None = None
    since: Day | None = None
    until: Day | None = None


def _with_figures(budget: Budget) -> Budget:
    budget.figures = selectors.budget_figures(budget=budget)
    return budget


@router.get("", operation_id="budget_list", response=with_errors({200: list[BudgetOut]}))
@paginated
def budget_list(request: HttpRequest):
    ctx = org_context(request, "budget.view")
    return selectors.budget_list_for_organization(organization=ctx.organization)


@router.post("", operation_id="budget_create", response=with_errors({201: BudgetOut}, write=True))
def budget_create(request: HttpRequest, payload: BudgetIn):
    ctx = org_context(request, "budget.manage")
    budget = services.budget_create(organization=ctx.organization, actor=ctx.user, **payload.model_dump())
    return Status(201, _with_figures(budget))


@router.get("/{budget_id}", operation_id="budget_get", response=with_errors({200: BudgetOut}))
def budget_detail(request: HttpRequest, budget_id: ObjectId):
    ctx = org_context(request, "budget.view")
    return _with_figures(access_budget(ctx, budget_id))


@router.patch("/{budget_id}", operation_id="budget_update", response=with_errors({200: BudgetOut}, write=True))
def budget_update(request: HttpRequest, budget_id: ObjectId, payload: BudgetPatch):
    ctx = org_context(request, "budget.manage")
    budget = access_budget(ctx, budget_id)
    values = {field: getattr(budget, field) for field in BudgetPatch.model_fields}
    values.update(payload.model_dump(exclude_unset=True))
    return _with_figures(services.budget_update(budget=budget, actor=ctx.user, **values))


@router.get("/{budget_id}/summary", operation_id="budget_summary_get", response=with_errors({200: SummaryOut}))
def budget_summary(request: HttpRequest, budget_id: ObjectId, period_start: Day | None = None):
    ctx = org_context(request, "budget.view")
    budget = _with_figures(access_budget(ctx, budget_id))
    figures = selectors.budget_figures(budget=budget, period_start=period_start) if period_start else budget.figures
    current = figures.period_start == budget.figures.period_start
    history = selectors.budget_period_history(budget=budget)
    return {
        "budget": budget,
        "figures": figures,
        "run_out_on": selectors.budget_forecast_run_out(budget=budget) if current else None,
        "burn": [
            {"day": day, "spent_cents": cents}
            for day, cents in selectors.budget_burn_series(budget=budget, period_start=figures.period_start)
        ],
        "by_contractor": selectors.budget_spend_by_contractor(budget=budget, period_start=figures.period_start),
        "history": [{"period_start": p.start, "period_end": p.end, "spent_cents": spent} for p, spent in history],
    }


@router.get("/{budget_id}/ledger", operation_id="spend_entry_list", response=with_errors({200: list[SpendEntryOut]}))
@paginated
def ledger_list(request: HttpRequest, budget_id: ObjectId, filters: Query[LedgerFilters]):
    ctx = org_context(request, "budget.view")
    budget = access_budget(ctx, budget_id)
    contractor_id = access_engagement_contractor_id(ctx, filters.engagement_id)
    return selectors.spend_entry_list_for_budget(
        budget=budget, kind=filters.kind or "", contractor_id=contractor_id, since=filters.since, until=filters.until
    )


@router.post(
    "/{budget_id}/ledger/{entry_id}/reverse",
    operation_id="spend_entry_reverse",
    response=with_errors({201: SpendEntryOut}, write=True),
)
def ledger_reverse(request: HttpRequest, budget_id: ObjectId, entry_id: ObjectId, payload: ReverseIn):
    ctx = org_context(request, "ledger.correct")
    entry = access_spend_entry(ctx, access_budget(ctx, budget_id), entry_id)
    return Status(201, services.spend_entry_reverse(entry=entry, actor=ctx.user, reason=payload.reason))


@router.post(
    "/{budget_id}/expenses", operation_id="expense_create", response=with_errors({201: SpendEntryOut}, write=True)
)
def expense_create(request: HttpRequest, budget_id: ObjectId, payload: ExpenseIn):
    ctx = org_context(request, "expense.record")
    budget = access_budget(ctx, budget_id)
    contractor = access_engagement_contractor(ctx, payload.engagement_id)
    access_not_own_work(ctx, contractor)
    entry = services.expense_record(
        budget=budget,
        actor=ctx.user,
        amount_cents=payload.amount_cents,
        occurred_on=payload.occurred_on,
        description=payload.description,
        contractor=contractor,
    )
    return Status(201, entry)


@router.post(
    "/{budget_id}/advice", operation_id="budget_advice_get", response=with_errors({200: AdviceOut}, write=True)
)
def budget_advice(request: HttpRequest, budget_id: ObjectId, payload: AdviceIn):
    """Saves nothing: POST because the estimate is a body, like the brief check."""
    ctx = org_context(request, "budget.view")
    budget = access_budget(ctx, budget_id)
    contractor = access_engagement_contractor(ctx, payload.engagement_id)
    return advisor.rate_model_advice(
        budget=budget,
        contractor=contractor,
        low_minutes=payload.low_minutes,
        high_minutes=payload.high_minutes,
        rate_cents=payload.rate_cents,
        exchange_rate_micros=payload.exchange_rate_micros,
        weeks=payload.weeks,
    )
