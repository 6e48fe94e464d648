"""The budget figures as SQL expressions: one annotated query gives every budget's current period,
spent, committed and forecast, whatever the number of budgets (see docs/money.md).

Per budget row, with T = today:
- the current period: one-off → starts_on..ends_on; recurring → the calendar month/quarter/year
  of clamp(T, starts_on, ends_on), cut to the budget's dates (same rule as periods.period_for);
- spent = SUM(ledger amounts filed under that period_start), read from the ledger's kept sums
  (SpendTotal: a few rows per period, docs/money.md) rather than from every entry;
- committed, only while the period is not over (its end ≥ T), from F = max(T, period start):
  pending milestones of active fixed-price contracts due by the period's end, plus, for active
  retainers, the months from F's month to the period's end inside the contract's dates whose fee
  is not yet in the ledger, × the fee;
- hourly forecast numerator = SUM(weekly cap minutes × hourly rate × remaining contract days in
  the period); the caller divides by 7 × 60 and rounds half-up once per budget.

Budgets sit below contracts (docs/architecture.md), so the committed and forecast terms are not
written here: contracts registers them (`commitments_register`, from contracts/apps.py; the terms
are in contracts/commitments.py). This module owns the periods, the spent figure, the "only while
the period is not over" rule and the statement that adds the terms up.
"""

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db import connection
from django.db.models import (
    BigIntegerField,
    Case,
    DateField,
    Expression,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import (
    Cast,
    Coalesce,
    ExtractMonth,
    ExtractYear,
    Greatest,
    Least,
    TruncMonth,
    TruncQuarter,
    TruncYear,
)

from outsourcer.budgets.models import BudgetPeriod, SpendTotal
from outsourcer.budgets.periods import PERIOD_MONTHS, Period, calendar_period, month_index, month_start

FAR_FUTURE = date(9999, 12, 31)
TRUNC = {BudgetPeriod.MONTHLY: TruncMonth, BudgetPeriod.QUARTERLY: TruncQuarter, BudgetPeriod.YEARLY: TruncYear}


def date_value(value: date) -> Value:
    return Value(value, output_field=DateField())


class PeriodEnd(Func):
    """The last day of the period of `months` months that starts on the given first-of-month."""

    output_field = DateField()

    def __init__(self, expression, months: int):
        self.months = int(months)
        super().__init__(expression)

    def as_sql(self, compiler, connection, **extra):  # PostgreSQL and others
        return super().as_sql(
            compiler,
            connection,
            template=f"(CAST(%(expressions)s + make_interval(months => {self.months}) AS date) - 1)",
        )

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(
            compiler, connection, template=f"date(%(expressions)s, '+{self.months} months', '-1 day')"
        )


class DaysBetween(Func):
    """end − start in days (an integer; negative when end is before start)."""

    output_field = IntegerField()
    arity = 2

    def as_sql(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )

    def __init__(self, start, end):
        # The SQL is written end − start.
        super().__init__(end, start)


def month_index_of(expression) -> Expression:
    """year × 12 + month of a date expression (1-based month, as EXTRACT gives it)."""
    return ExtractYear(expression) * 12 + ExtractMonth(expression)


def _trunc(kind: str, expression) -> Expression:
    # PostgreSQL's DATE_TRUNC returns a timestamp even for a date; keep everything a date.
    return Cast(TRUNC[kind](expression, output_field=DateField()), DateField())


def current_period_expressions(today: date, period: Period | None = None) -> dict[str, Expression]:
    """Annotations for a Budget queryset: `fig_start`, `fig_end` (the current period of each budget,
    or the given `period` for every row), `fig_from` (where the rest of the period begins) and its
    month. Django inlines an annotation wherever it is used, so each is a flat CASE over columns
    and constants computed here once, not a nest of expressions (see docs/performance.md)."""
    t = date_value(today)
    if period is not None:
        since = max(today, period.start)
        return {
            "fig_start": date_value(period.start),
            "fig_end": date_value(period.end),
            "fig_from": date_value(since),
            "fig_from_month": date_value(month_start(since)),
            "fig_from_index": Value(month_index(since) + 1),
        }
    not_started = Q(starts_on__gt=today)
    ended = Q(ends_on__lt=today)
    far_end = Coalesce(F("ends_on"), date_value(FAR_FUTURE), output_field=DateField())
    starts = [When(period=BudgetPeriod.ONE_OFF, then=F("starts_on")), When(not_started, then=F("starts_on"))]
    ends = [When(period=BudgetPeriod.ONE_OFF, then=F("ends_on")), When(ended, then=F("ends_on"))]
    for kind in TRUNC:
        this = calendar_period(kind, today)
        # A budget that has ended: its last period, which the end date cuts.
        starts.append(
            When(
                ended, period=kind, then=Greatest(_trunc(kind, F("ends_on")), F("starts_on"), output_field=DateField())
            )
        )
        # Running: this calendar period, cut by the budget's own start and end.
        running_start = Greatest(date_value(this.start), F("starts_on"), output_field=DateField())
        starts.append(When(period=kind, then=running_start))
        # Not started yet: its first period, which begins on the start date.
        first_end = PeriodEnd(_trunc(kind, F("starts_on")), PERIOD_MONTHS[kind])
        ends.append(When(not_started, period=kind, then=Least(first_end, far_end, output_field=DateField())))
        ends.append(When(period=kind, then=Least(date_value(this.end), far_end, output_field=DateField())))
    return {
        "fig_start": Case(*starts, output_field=DateField()),
        "fig_end": Case(*ends, output_field=DateField()),
        # The rest of the period begins today, or on the start date of a budget not started yet.
        "fig_from": Case(When(not_started, then=F("starts_on")), default=t, output_field=DateField()),
        "fig_from_month": Case(
            When(not_started, then=_trunc(BudgetPeriod.MONTHLY, F("starts_on"))),
            default=date_value(month_start(today)),
            output_field=DateField(),
        ),
        "fig_from_index": Case(
            When(not_started, then=month_index_of(F("starts_on"))),
            default=Value(month_index(today) + 1),
            output_field=IntegerField(),
        ),
    }


@dataclass(frozen=True)
class Commitments:
    """Money a higher domain holds against budgets, as terms that each give one number per budget
    (0 or NULL when there is none): `committed` and `forecast` build ORM subqueries correlated on
    the Budget row (OuterRef "pk" and the fig_* annotations of current_period_expressions, plus
    `fig_end_index`); `committed_sql` and `forecast_sql` build scalar subqueries over the row `p`
    of period_figures' statement (columns id, ps, pe, fr, fr_month, fr_index, pe_index) in the
    dialect they are given (keys greatest, least, far, month_index, days_between; see _VENDOR)."""

    committed: Callable[[], list[QuerySet]]
    forecast: Callable[[], list[QuerySet]]
    committed_sql: Callable[[dict[str, str]], list[str]]
    forecast_sql: Callable[[dict[str, str]], list[str]]


_COMMITMENTS: list[Commitments] = []


def commitments_register(commitments: Commitments) -> None:
    """Add a domain's commitment terms to every budget figure (call once, from AppConfig.ready)."""
    if commitments not in _COMMITMENTS:
        _COMMITMENTS.append(commitments)
        _period_figures_sql.cache_clear()


def _added(terms: list[Expression]) -> Expression:
    total = terms[0] if terms else Value(0)
    for term in terms[1:]:
        total = total + term
    return total


def annotate_figures(budgets: QuerySet, *, today: date, period: Period | None = None) -> QuerySet:
    """Annotate fig_start, fig_end, fig_spent, fig_committed, fig_forecast_numerator."""
    budgets = budgets.annotate(**current_period_expressions(today, period))
    budgets = budgets.annotate(fig_end_index=month_index_of(F("fig_end")))

    spent = (
        SpendTotal.objects.filter(budget_id=OuterRef("pk"), period_start=OuterRef("fig_start"))
        .order_by()
        .values("budget_id")
        .annotate(total=Sum("amount_cents"))
        .values("total")
    )

    def money(subquery) -> Expression:
        return Coalesce(Subquery(subquery, output_field=BigIntegerField()), Value(0), output_field=BigIntegerField())

    def while_open(expression) -> Expression:
        """The amount while the period is not over, else 0."""
        if period is not None:
            return Cast(expression, BigIntegerField()) if period.end >= today else Value(0)
        # A one-off or ended budget's period ends on its end date; a running recurring budget's
        # current period always contains today.
        return Case(
            When(Q(ends_on__isnull=True) | Q(ends_on__gte=today), then=Cast(expression, BigIntegerField())),
            default=Value(0),
            output_field=BigIntegerField(),
        )

    committed = [money(term) for source in _COMMITMENTS for term in source.committed()]
    forecast = [money(term) for source in _COMMITMENTS for term in source.forecast()]
    return budgets.annotate(
        fig_spent=Cast(money(spent), BigIntegerField()),
        fig_committed=while_open(_added(committed)),
        fig_forecast_numerator=while_open(_added(forecast)),
    )


# --- the overview: many budgets, periods already known ---------------------------------------------
#
# annotate_figures computes each row's period in SQL; for the overview the ORM then has to build
# and compile a CASE over the period kinds at every use (hundreds of parameters, 20–45 ms of Python
# per request, docs/performance.md). The overview instead computes each budget's period with
# periods.py (a pure function, budgets are few) and sends them as arrays (JSON on SQLite) to one hand-written
# statement with the same rules as annotate_figures. Both are pinned equal by
# tests/test_figures.py and the hypothesis machine in tests/test_exactness.py.

_PERIOD_FIGURES_SQL = """
WITH p (id, ps, pe, fr, fr_month, fr_index, pe_index, still_open) AS ({periods}){recent_cte}
SELECT p.id,
    COALESCE((SELECT SUM(e.amount_cents) FROM budgets_spendtotal e
              WHERE e.budget_id = p.id AND e.period_start = p.ps), 0),
    CASE WHEN p.still_open = 1 THEN
        {committed}
    ELSE 0 END,
    CASE WHEN p.still_open = 1 THEN
        {forecast}
    ELSE 0 END,
    {recent_column}
FROM p{recent_join}
"""

# Spend of recent days (the overview's run-out forecast), one grouped pass over the index
# (budget_id, occurred_on) for all the budgets; a correlated subquery per budget made PostgreSQL
# visit the same heap pages once per budget (bench/baseline.py).
_RECENT_CTE = """, recent AS (
    SELECT budget_id, SUM(amount_cents) AS total FROM budgets_spendentry
    WHERE budget_id {in_budgets} AND occurred_on >= %s AND occurred_on <= %s
    GROUP BY budget_id
)"""

_VENDOR = {
    "postgresql": {
        "greatest": "GREATEST",
        "least": "LEAST",
        "far": "DATE '9999-12-31'",
        "month_index": "(EXTRACT(YEAR FROM {0})::int * 12 + EXTRACT(MONTH FROM {0})::int)",
        "days_between": "({0} - {1})",
        # The periods as eight arrays, whatever the number of budgets: the statement's text stays
        # the same (psycopg parses and caches it once; a VALUES list of 40 rows was re-parsed on
        # every call, ~1 ms).
        "periods": "SELECT * FROM unnest(%s::bigint[], %s::date[], %s::date[], %s::date[], %s::date[], "
        "%s::int[], %s::int[], %s::int[])",
        # ANY(ARRAY(…)): one bitmap over the index; `IN (SELECT …)` planned a hash join.
        "in_budgets": "= ANY(ARRAY(SELECT id FROM p))",
    },
    "sqlite": {
        "greatest": "max",
        "least": "min",
        "far": "'9999-12-31'",
        "month_index": "(CAST(strftime('%%Y', {0}) AS INTEGER) * 12 + CAST(strftime('%%m', {0}) AS INTEGER))",
        "days_between": "CAST(julianday({0}) - julianday({1}) AS INTEGER)",
        # The periods as one JSON array of rows: one parameter, the same text for any number of budgets.
        "periods": "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), "
        "json_extract(value, '$[3]'), json_extract(value, '$[4]'), json_extract(value, '$[5]'), "
        "json_extract(value, '$[6]'), json_extract(value, '$[7]') FROM json_each(%s)",
        "in_budgets": "IN (SELECT id FROM p)",
    },
}


def _sum_sql(terms: list[str]) -> str:
    return "\n      + ".join(f"COALESCE(({term}), 0)" for term in terms) or "0"


@functools.cache
def _period_figures_sql(vendor: str, *, recent: bool) -> str:
    v = _VENDOR[vendor]
    return _PERIOD_FIGURES_SQL.format(
        periods=v["periods"],
        recent_cte=_RECENT_CTE.format(in_budgets=v["in_budgets"]) if recent else "",
        recent_column="COALESCE(recent.total, 0)" if recent else "0",
        recent_join=" LEFT JOIN recent ON recent.budget_id = p.id" if recent else "",
        committed=_sum_sql([term for source in _COMMITMENTS for term in source.committed_sql(v)]),
        forecast=_sum_sql([term for source in _COMMITMENTS for term in source.forecast_sql(v)]),
    )


def period_figures(
    periods: dict[int, Period], *, today: date, recent_since: date | None = None
) -> dict[int, tuple[int, int, int, int]]:
    """{budget id: (spent, committed, forecast numerator, recent spend)} for each budget's given
    period, in one statement whatever the number of budgets. Same rules as annotate_figures:
    committed and the forecast only while the period is not over, both from F = max(today,
    period start). Recent spend: the ledger from `recent_since` to today by day of the entry
    (0 unless `recent_since` is given)."""
    if not periods:
        return {}
    vendor = connection.vendor if connection.vendor in _VENDOR else "postgresql"

    rows = []
    for budget_id, period in periods.items():
        since = max(today, period.start)
        # 1-based month indexes (year × 12 + month), as EXTRACT / strftime give them in the SQL.
        rows.append(
            (
                budget_id,
                period.start,
                period.end,
                since,
                month_start(since),
                month_index(since) + 1,
                month_index(period.end) + 1,
                int(period.end >= today),
            )
        )
    recent = [recent_since, today] if recent_since is not None else []
    if vendor == "sqlite":
        params = [json.dumps(rows, default=date.isoformat), *(day.isoformat() for day in recent)]
    else:
        params = [list(column) for column in zip(*rows, strict=True)] + recent
    sql = _period_figures_sql(vendor, recent=recent_since is not None)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0]: (int(row[1]), int(row[2]), int(row[3]), int(row[4])) for row in cursor.fetchall()}
