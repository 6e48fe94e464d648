"""The commitment rule, in one place: what a contract holds against its budget's period.

- fixed price: pending milestones due by the period's end;
- retainer: the months from the rest of the period whose fee is not yet in the ledger × the fee;
- hourly: weekly cap × rate × the days left in the period / 7 (a forecast, not a commitment).

It is written three times here, for three callers, beside each other so a change is made to all:
`contract_commitment` (one contract, Python: the activation guard and the contract page), the ORM
subqueries (`annotate_figures`, budget pages) and the SQL (the overview's hand-written statement,
both dialects). contracts/tests/test_commitment_rule.py pins all three to the cent; the budget
figures tests and the exactness machine pin the totals. Registered with budgets in
contracts/apps.py (budgets cannot import contracts)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import BigIntegerField, Count, DateField, F, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Greatest, Least

from outsourcer.budgets.figures import FAR_FUTURE, Commitments, DaysBetween, date_value, month_index_of
from outsourcer.budgets.models import SpendEntry, SpendKind
from outsourcer.budgets.periods import Period, budget_period, month_start, months_in, today_for
from outsourcer.contracts.models import Contract, ContractStatus, Milestone, MilestoneStatus, RateModel
from outsourcer.lib.money import round_half_up


@dataclass(frozen=True)
class Commitment:
    """What a contract takes from its budget's period from `since` on (budget currency)."""

    period: Period
    since: date
    committed_cents: int  # fixed: unpaid milestones due in the period; retainer: unposted months × fee
    forecast_cents: int  # hourly: weekly cap × remaining weeks × rate
    days: int = 0  # hourly: the contract's days left in the period (what a weekly cap is spread over)

    @property
    def total_cents(self) -> int:
        return self.committed_cents + self.forecast_cents


def contract_commitment(
    *, contract: Contract, today: date | None = None, milestones: Sequence[tuple[date, int]] = ()
) -> Commitment:
    """Committed and forecast cost of the contract (as if active) in the budget period that
    contains max(today, contract start) — the same rules as the budget figures (budgets/figures.py).
    A contract not saved yet (a preview) has nothing posted; its `milestones` are (due on, budget
    cents), all pending."""
    budget = contract.budget
    today = today or today_for(budget.organization)
    reference = max(today, contract.starts_on)
    period = budget_period(budget, reference)
    since = max(reference, period.start)
    if period.end < reference:
        return Commitment(period, since, 0, 0)
    contract_end = contract.ends_on or date.max
    if contract.rate_model == RateModel.FIXED:
        if contract.pk is None:
            due = sum(cents for due_on, cents in milestones if due_on <= period.end)
        else:
            due = Milestone.objects.filter(
                contract=contract, status=MilestoneStatus.PENDING, due_on__lte=period.end
            ).aggregate(s=Sum("budget_amount_cents"))["s"]
        return Commitment(period, since, int(due or 0), 0)
    if contract.rate_model == RateModel.RETAINER:
        months = months_in(max(month_start(since), month_start(contract.starts_on)), min(period.end, contract_end))
        posted = 0
        if contract.pk is not None:
            posted = SpendEntry.objects.filter(
                contract=contract,
                kind=SpendKind.RETAINER_FEE,
                covers_month__gte=month_start(since),
                covers_month__lte=period.end,
            ).count()
        return Commitment(period, since, max(0, len(months) - posted) * (contract.monthly_fee_budget_cents or 0), 0)
    start, end = max(since, contract.starts_on), min(period.end, contract_end)
    days = max(0, (end - start).days + 1)
    numerator = (contract.weekly_cap_minutes or 0) * (contract.hourly_rate_budget_cents or 0) * days
    return Commitment(period, since, 0, round_half_up(Decimal(numerator) / (7 * 60)), days)


def weekly_cap_that_fits(*, contract: Contract, commitment: Commitment, fits_cents: int) -> int:
    """The largest weekly cap (whole minutes) whose forecast stays within `fits_cents` for the
    days the hourly contract has left in the period (the inverse of the forecast above)."""
    rate = contract.hourly_rate_budget_cents or 0
    if fits_cents <= 0 or rate <= 0 or commitment.days <= 0:
        return 0
    minutes = fits_cents * 7 * 60 // (rate * commitment.days)
    # The forecast rounds half-up; step down until it really fits.
    while minutes > 0 and round_half_up(Decimal(minutes * rate * commitment.days) / (7 * 60)) > fits_cents:
        minutes -= 1
    return minutes


def _contract_end():
    return Coalesce(F("ends_on"), date_value(FAR_FUTURE), output_field=DateField())


def committed_subqueries() -> list[QuerySet]:
    """Pending milestones due by the period's end, and the retainer months from the rest of the
    period whose fee is not yet in the ledger × the fee (active contracts only)."""
    milestones = (
        Milestone.objects.filter(
            contract__budget_id=OuterRef("pk"),
            contract__status=ContractStatus.ACTIVE,
            status=MilestoneStatus.PENDING,
            due_on__lte=OuterRef("fig_end"),
        )
        .order_by()
        .values("contract__budget_id")
        .annotate(total=Sum("budget_amount_cents"))
        .values("total")
    )
    posted_months = (
        SpendEntry.objects.filter(
            contract_id=OuterRef("pk"),
            kind=SpendKind.RETAINER_FEE,
            covers_month__gte=OuterRef(OuterRef("fig_from_month")),
            covers_month__lte=OuterRef(OuterRef("fig_end")),
        )
        .order_by()
        .values("contract_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    retainer_months = (
        Least(OuterRef("fig_end_index"), month_index_of(_contract_end()))
        - Greatest(OuterRef("fig_from_index"), month_index_of(F("starts_on")))
        + 1
    )
    retainers = (
        Contract.objects.filter(budget_id=OuterRef("pk"), status=ContractStatus.ACTIVE, rate_model=RateModel.RETAINER)
        .annotate(months=Greatest(retainer_months, Value(0)))
        .annotate(unposted=F("months") - Coalesce(Subquery(posted_months, output_field=BigIntegerField()), 0))
        .order_by()
        .values("budget_id")
        .annotate(total=Sum(F("unposted") * F("monthly_fee_budget_cents"), output_field=BigIntegerField()))
        .values("total")
    )
    return [milestones, retainers]


def forecast_subqueries() -> list[QuerySet]:
    """The hourly forecast numerator: weekly cap minutes × hourly rate × the contract's days left
    in the period (the budget figures divide by 7 × 60)."""
    hourly_days = (
        DaysBetween(
            Greatest(OuterRef("fig_from"), F("starts_on"), output_field=DateField()),
            Least(OuterRef("fig_end"), _contract_end(), output_field=DateField()),
        )
        + 1
    )
    hourly = (
        Contract.objects.filter(budget_id=OuterRef("pk"), status=ContractStatus.ACTIVE, rate_model=RateModel.HOURLY)
        .annotate(days=Greatest(hourly_days, Value(0)))
        .order_by()
        .values("budget_id")
        .annotate(
            total=Sum(
                F("weekly_cap_minutes") * F("hourly_rate_budget_cents") * F("days"), output_field=BigIntegerField()
            )
        )
        .values("total")
    )
    return [hourly]


_MILESTONES_SQL = """SELECT SUM(m.budget_amount_cents)
                  FROM contracts_contract k JOIN contracts_milestone m ON m.contract_id = k.id
                  WHERE k.budget_id = p.id AND k.status = '{active}'
                    AND m.status = '{pending}' AND m.due_on <= p.pe"""

_RETAINERS_SQL = """SELECT SUM(({greatest}({least}(p.pe_index, {end_index})
                                          - {greatest}(p.fr_index, {start_index}) + 1, 0)
                              - (SELECT COUNT(*) FROM budgets_spendentry r
                                 WHERE r.contract_id = k.id AND r.kind = '{retainer_fee}'
                                   AND r.covers_month >= p.fr_month AND r.covers_month <= p.pe))
                             * k.monthly_fee_budget_cents)
                  FROM contracts_contract k
                  WHERE k.budget_id = p.id AND k.status = '{active}' AND k.rate_model = '{retainer}'"""

_HOURLY_SQL = """SELECT SUM(k.weekly_cap_minutes * k.hourly_rate_budget_cents * {greatest}({days} + 1, 0))
                  FROM contracts_contract k
                  WHERE k.budget_id = p.id AND k.status = '{active}' AND k.rate_model = '{hourly}'"""


def _sql_names(v: dict[str, str]) -> dict[str, str]:
    end = f"COALESCE(k.ends_on, {v['far']})"
    return {
        "greatest": v["greatest"],
        "least": v["least"],
        "end_index": v["month_index"].format(end),
        "start_index": v["month_index"].format("k.starts_on"),
        "days": v["days_between"].format(f"{v['least']}(p.pe, {end})", f"{v['greatest']}(p.fr, k.starts_on)"),
        "active": ContractStatus.ACTIVE,
        "pending": MilestoneStatus.PENDING,
        "retainer_fee": SpendKind.RETAINER_FEE,
        "retainer": RateModel.RETAINER,
        "hourly": RateModel.HOURLY,
    }


def committed_sql(v: dict[str, str]) -> list[str]:
    names = _sql_names(v)
    return [_MILESTONES_SQL.format(**names), _RETAINERS_SQL.format(**names)]


def forecast_sql(v: dict[str, str]) -> list[str]:
    return [_HOURLY_SQL.format(**_sql_names(v))]


CONTRACT_COMMITMENTS = Commitments(
    committed=committed_subqueries,
    forecast=forecast_subqueries,
    committed_sql=committed_sql,
    forecast_sql=forecast_sql,
)
