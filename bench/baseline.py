"""The denominator: the best hand-written SQL for the budget overview's figures.

One statement per database computes, for every budget of one organization, what the overview
shows: the current period (the calendar rule of outsourcer/budgets/periods.py), budgeted, spent in
that period, committed (pending milestones of active contracts due by the period's end + retainer
months left in the period whose fee is not in the ledger yet, only while the period is not over),
the expected hourly spend (active hourly contracts: weekly cap × rate × days left in the period ÷
(7 × 60), half-up once per budget, also only while the period is not over), remaining = budgeted −
(spent + committed + expected hourly), the status from that same projected figure ("over" at
≥ 100 %, "warn" at ≥ the first threshold; docs/money.md), and the "Runs out" day (the last 30 days' spend
projected forward, the rule of outsourcer/budgets/page_selectors.py).

Each figure reads one index range: spent from (budget_id, period_start, amount_cents), contracts
from (budget_id, status, rate_model), milestones from (contract_id, status, due_on), posted
retainer fees from the partial unique index on (contract_id, covers_month). The last 30 days are
one grouped pass over (budget_id, occurred_on), written per database the way its planner reads it
fastest (see the comments).
Variants that were measured slower and dropped: CTEs left inline (SQLite and PostgreSQL both
re-ran the spent subquery for each use; on PostgreSQL the inflated cost also switched on JIT,
+450 ms) and a correlated 30-day subquery per budget (PostgreSQL visited the same heap pages once
per budget).

`reference_figures` recomputes the same numbers in plain Python (one budget at a time) to prove
the SQL right before it is timed.
"""

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

# The overview's "Runs out" column: the average daily spend of the last 30 days.
RUN_OUT_WINDOW_DAYS = 30

POSTGRES = """
WITH b AS (
    SELECT id, name, currency, amount_cents, period, starts_on, ends_on, thresholds,
           LEAST(GREATEST(%(today)s::date, starts_on), COALESCE(ends_on, DATE '9999-12-31'))::timestamp AS ref,
           CASE period WHEN 'monthly' THEN 'month' WHEN 'quarterly' THEN 'quarter' ELSE 'year' END AS unit,
           CASE period WHEN 'monthly' THEN INTERVAL '1 month' WHEN 'quarterly' THEN INTERVAL '3 months'
                ELSE INTERVAL '1 year' END AS span
    FROM budgets_budget
    WHERE organization_id = %(org)s
), p AS (
    SELECT id, name, currency, amount_cents, thresholds,
           CASE WHEN period = 'one_off' THEN starts_on
                ELSE GREATEST(date_trunc(unit, ref)::date, starts_on) END AS ps,
           CASE WHEN period = 'one_off' THEN ends_on
                ELSE LEAST((date_trunc(unit, ref) + span - INTERVAL '1 day')::date,
                           COALESCE(ends_on, DATE '9999-12-31')) END AS pe
    FROM b
), f AS (
    SELECT p.*, GREATEST(%(today)s::date, ps) AS fr FROM p
), figures AS MATERIALIZED (
    -- MATERIALIZED: spent and committed are read several times below; inlined, each use
    -- would run its subqueries again (and on PostgreSQL push the cost over jit_above_cost).
    SELECT f.id, f.name, f.currency, f.amount_cents, f.ps, f.pe,
        COALESCE((SELECT MIN(t::int) FROM jsonb_array_elements_text(f.thresholds) t), 100) AS first_threshold,
        COALESCE((SELECT SUM(e.amount_cents) FROM budgets_spendentry e
                  WHERE e.budget_id = f.id AND e.period_start = f.ps), 0)::bigint AS spent,
        CASE WHEN f.pe < %(today)s::date THEN 0 ELSE
            COALESCE((SELECT SUM(m.budget_amount_cents)
                      FROM contracts_contract k JOIN contracts_milestone m ON m.contract_id = k.id
                      WHERE k.budget_id = f.id AND k.status = 'active'
                        AND m.status = 'pending' AND m.due_on <= f.pe), 0)
          + COALESCE((SELECT SUM((GREATEST(
                          LEAST(EXTRACT(YEAR FROM f.pe)::int * 12 + EXTRACT(MONTH FROM f.pe)::int,
                                EXTRACT(YEAR FROM COALESCE(k.ends_on, DATE '9999-12-31'))::int * 12
                                + EXTRACT(MONTH FROM COALESCE(k.ends_on, DATE '9999-12-31'))::int)
                        - GREATEST(EXTRACT(YEAR FROM f.fr)::int * 12 + EXTRACT(MONTH FROM f.fr)::int,
                                   EXTRACT(YEAR FROM k.starts_on)::int * 12 + EXTRACT(MONTH FROM k.starts_on)::int)
                        + 1, 0)
                      - (SELECT COUNT(*) FROM budgets_spendentry e
                         WHERE e.contract_id = k.id AND e.kind = 'retainer_fee'
                           AND e.covers_month >= date_trunc('month', f.fr::timestamp)::date
                           AND e.covers_month <= f.pe)) * k.monthly_fee_budget_cents)
                      FROM contracts_contract k
                      WHERE k.budget_id = f.id AND k.status = 'active' AND k.rate_model = 'retainer'), 0)
        END AS committed,
        -- Expected hourly spend: weekly cap × rate × the contract's days left in the period / (7 × 60),
        -- half-up once per budget ((n + 210) / 420 for n ≥ 0).
        CASE WHEN f.pe < %(today)s::date THEN 0 ELSE
            (COALESCE((SELECT SUM(k.weekly_cap_minutes::bigint * k.hourly_rate_budget_cents
                                  * GREATEST(LEAST(f.pe, COALESCE(k.ends_on, DATE '9999-12-31'))
                                             - GREATEST(f.fr, k.starts_on) + 1, 0))
                       FROM contracts_contract k
                       WHERE k.budget_id = f.id AND k.status = 'active' AND k.rate_model = 'hourly'), 0)::bigint
             + 210) / 420  -- SUM of bigint is numeric: cast first, so that / is integer division
        END AS forecast
    FROM f
), recent AS (
    -- One bitmap over (budget_id, occurred_on) for the organization's budgets, so each heap page
    -- of the last 30 days is read once. `IN (SELECT …)` planned a hash join over the whole
    -- table, `organization_id = …` a wider scan of (organization_id, contractor_id, occurred_on).
    SELECT budget_id, SUM(amount_cents)::bigint AS total
    FROM budgets_spendentry
    WHERE budget_id = ANY(ARRAY(SELECT id FROM budgets_budget WHERE organization_id = %(org)s))
      AND occurred_on BETWEEN %(window)s::date AND %(today)s::date
    GROUP BY budget_id
), burn AS (
    SELECT figures.*, COALESCE(recent.total, 0) AS recent, (pe - %(today)s::date) AS days_left
    FROM figures LEFT JOIN recent ON recent.budget_id = figures.id
), ahead AS (
    SELECT burn.*, CASE WHEN recent > 0 THEN ((amount_cents - spent) * 30 + recent - 1) / recent END AS days_to_zero
    FROM burn
)
SELECT id, name, currency, amount_cents, ps, pe, spent, committed,
    amount_cents - spent - committed - forecast AS remaining,
    CASE
        WHEN amount_cents - spent <= 0 THEN CASE WHEN spent > 0 THEN LEAST(%(today)s::date, pe) END
        WHEN days_left < 0 OR %(today)s::date < ps OR recent <= 0 THEN NULL
        WHEN days_to_zero <= days_left THEN %(today)s::date + days_to_zero::int
    END AS run_out,
    forecast,
    CASE WHEN spent + committed + forecast >= amount_cents THEN 'over'
         WHEN (spent + committed + forecast) * 100 >= first_threshold * amount_cents THEN 'warn'
         ELSE 'ok' END AS status
FROM ahead
ORDER BY name, id
"""

SQLITE = """
WITH b AS (
    SELECT id, name, currency, amount_cents, period, starts_on, ends_on, thresholds,
           min(max(%(today)s, starts_on), coalesce(ends_on, '9999-12-31')) AS ref
    FROM budgets_budget
    WHERE organization_id = %(org)s
), t AS (
    SELECT b.*,
           CASE period
               WHEN 'monthly' THEN date(ref, 'start of month')
               WHEN 'quarterly' THEN date(ref, 'start of month',
                                          '-' || ((CAST(strftime('%%m', ref) AS INTEGER) - 1) %% 3) || ' months')
               WHEN 'yearly' THEN date(ref, 'start of year')
           END AS cal,
           CASE period WHEN 'monthly' THEN '+1 months' WHEN 'quarterly' THEN '+3 months' ELSE '+12 months' END AS span
    FROM b
), p AS (
    SELECT id, name, currency, amount_cents, thresholds,
           CASE WHEN period = 'one_off' THEN starts_on ELSE max(cal, starts_on) END AS ps,
           CASE WHEN period = 'one_off' THEN ends_on
                ELSE min(date(cal, span, '-1 day'), coalesce(ends_on, '9999-12-31')) END AS pe
    FROM t
), f AS (
    SELECT p.*, max(%(today)s, ps) AS fr FROM p
), figures AS MATERIALIZED (
    -- MATERIALIZED: spent and committed are read several times below; inlined, each use
    -- would run its subqueries again (and on PostgreSQL push the cost over jit_above_cost).
    SELECT f.id, f.name, f.currency, f.amount_cents, f.ps, f.pe,
        coalesce((SELECT min(CAST(t.value AS INTEGER)) FROM json_each(f.thresholds) t), 100) AS first_threshold,
        coalesce((SELECT sum(e.amount_cents) FROM budgets_spendentry e
                  WHERE e.budget_id = f.id AND e.period_start = f.ps), 0) AS spent,
        CASE WHEN f.pe < %(today)s THEN 0 ELSE
            coalesce((SELECT sum(m.budget_amount_cents)
                      FROM contracts_contract k JOIN contracts_milestone m ON m.contract_id = k.id
                      WHERE k.budget_id = f.id AND k.status = 'active'
                        AND m.status = 'pending' AND m.due_on <= f.pe), 0)
          + coalesce((SELECT sum((max(
                          min(CAST(strftime('%%Y', f.pe) AS INTEGER) * 12 + CAST(strftime('%%m', f.pe) AS INTEGER),
                              CAST(strftime('%%Y', coalesce(k.ends_on, '9999-12-31')) AS INTEGER) * 12
                              + CAST(strftime('%%m', coalesce(k.ends_on, '9999-12-31')) AS INTEGER))
                        - max(CAST(strftime('%%Y', f.fr) AS INTEGER) * 12 + CAST(strftime('%%m', f.fr) AS INTEGER),
                              CAST(strftime('%%Y', k.starts_on) AS INTEGER) * 12
                              + CAST(strftime('%%m', k.starts_on) AS INTEGER))
                        + 1, 0)
                      - (SELECT count(*) FROM budgets_spendentry e
                         WHERE e.contract_id = k.id AND e.kind = 'retainer_fee'
                           AND e.covers_month >= date(f.fr, 'start of month')
                           AND e.covers_month <= f.pe)) * k.monthly_fee_budget_cents)
                      FROM contracts_contract k
                      WHERE k.budget_id = f.id AND k.status = 'active' AND k.rate_model = 'retainer'), 0)
        END AS committed,
        -- Expected hourly spend, half-up once per budget (as on PostgreSQL).
        CASE WHEN f.pe < %(today)s THEN 0 ELSE
            (coalesce((SELECT sum(k.weekly_cap_minutes * k.hourly_rate_budget_cents
                                  * max(CAST(julianday(min(f.pe, coalesce(k.ends_on, '9999-12-31')))
                                             - julianday(max(f.fr, k.starts_on)) AS INTEGER) + 1, 0))
                       FROM contracts_contract k
                       WHERE k.budget_id = f.id AND k.status = 'active' AND k.rate_model = 'hourly'), 0)
             + 210) / 420
        END AS forecast
    FROM f
), recent AS (
    -- By budget id: SQLite then reads (budget_id, occurred_on) for this organization's budgets
    -- only; filtering on organization_id makes it skip-scan every organization's budgets.
    SELECT budget_id, sum(amount_cents) AS total
    FROM budgets_spendentry
    WHERE budget_id IN (SELECT id FROM budgets_budget WHERE organization_id = %(org)s)
      AND occurred_on BETWEEN %(window)s AND %(today)s
    GROUP BY budget_id
), burn AS (
    SELECT figures.*, coalesce(recent.total, 0) AS recent,
           CAST(julianday(pe) - julianday(%(today)s) AS INTEGER) AS days_left
    FROM figures LEFT JOIN recent ON recent.budget_id = figures.id
), ahead AS (
    SELECT burn.*, CASE WHEN recent > 0 THEN ((amount_cents - spent) * 30 + recent - 1) / recent END AS days_to_zero
    FROM burn
)
SELECT id, name, currency, amount_cents, ps, pe, spent, committed,
    amount_cents - spent - committed - forecast AS remaining,
    CASE
        WHEN amount_cents - spent <= 0 THEN CASE WHEN spent > 0 THEN min(%(today)s, pe) END
        WHEN days_left < 0 OR %(today)s < ps OR recent <= 0 THEN NULL
        WHEN days_to_zero <= days_left THEN date(%(today)s, '+' || days_to_zero || ' days')
    END AS run_out,
    forecast,
    CASE WHEN spent + committed + forecast >= amount_cents THEN 'over'
         WHEN (spent + committed + forecast) * 100 >= first_threshold * amount_cents THEN 'warn'
         ELSE 'ok' END AS status
FROM ahead
ORDER BY name, id
"""


def statement(vendor: str, *, organization_id: int, today: date) -> tuple[str, dict]:
    window = today - timedelta(days=RUN_OUT_WINDOW_DAYS - 1)
    if vendor == "postgresql":
        return POSTGRES, {"org": organization_id, "today": today, "window": window}
    return SQLITE, {"org": organization_id, "today": today.isoformat(), "window": window.isoformat()}


# The figures each side must agree on, in this order (normalise, reference_figures, bench/measure.py).
FIGURES = (
    "period_start",
    "period_end",
    "budgeted",
    "spent",
    "committed",
    "forecast",
    "remaining",
    "status",
    "run_out",
)


def normalise(rows) -> dict[int, tuple]:
    """id → the FIGURES as Python values."""

    def day(value) -> date | None:
        return value if value is None or isinstance(value, date) else date.fromisoformat(value)

    return {
        r[0]: (day(r[4]), day(r[5]), int(r[3]), int(r[6]), int(r[7]), int(r[10]), int(r[8]), str(r[11]), day(r[9]))
        for r in rows
    }


def reference_figures(*, organization_id: int, today: date) -> dict[int, tuple]:
    """The same figures the slow, obvious way: Python per budget, one simple query per number."""
    from django.db.models import Sum

    from outsourcer.budgets.models import Budget, SpendEntry
    from outsourcer.budgets.periods import budget_period, month_index, months_in
    from outsourcer.contracts.models import Contract, Milestone

    result = {}
    for budget in Budget.objects.filter(organization_id=organization_id):
        period = budget_period(budget, today)
        spent = (
            SpendEntry.objects.filter(budget=budget, period_start=period.start).aggregate(s=Sum("amount_cents"))["s"]
            or 0
        )
        committed = 0
        if period.end >= today:
            committed += (
                Milestone.objects.filter(
                    contract__budget=budget, contract__status="active", status="pending", due_on__lte=period.end
                ).aggregate(s=Sum("budget_amount_cents"))["s"]
                or 0
            )
            start = max(today, period.start)
            for contract in Contract.objects.filter(budget=budget, status="active", rate_model="retainer"):
                last = min(period.end, contract.ends_on or date(9999, 12, 31))
                first = max(start, contract.starts_on)
                months = max(month_index(last) - month_index(first) + 1, 0)
                posted = SpendEntry.objects.filter(
                    contract=contract,
                    kind="retainer_fee",
                    covers_month__gte=months_in(start, start)[0],
                    covers_month__lte=period.end,
                ).count()
                committed += (months - posted) * contract.monthly_fee_budget_cents
        forecast = 0
        if period.end >= today:
            # Expected hourly spend: weekly cap × rate × the contract's days left in the period,
            # summed per budget, then ÷ (7 days × 60 minutes) rounded half-up once.
            numerator = 0
            since = max(today, period.start)
            for contract in Contract.objects.filter(budget=budget, status="active", rate_model="hourly"):
                last = min(period.end, contract.ends_on or date(9999, 12, 31))
                days = max((last - max(since, contract.starts_on)).days + 1, 0)
                numerator += contract.weekly_cap_minutes * contract.hourly_rate_budget_cents * days
            forecast = int((Decimal(numerator) / (7 * 60)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        amount = budget.amount_cents
        projected = spent + committed + forecast
        first_threshold = min(budget.thresholds) if budget.thresholds else 100
        if projected >= amount:
            status = "over"
        elif projected * 100 >= first_threshold * amount:
            status = "warn"
        else:
            status = "ok"
        window = (today - timedelta(days=RUN_OUT_WINDOW_DAYS - 1), today)
        recent = (
            SpendEntry.objects.filter(budget=budget, occurred_on__range=window).aggregate(s=Sum("amount_cents"))["s"]
            or 0
        )
        left = amount - spent
        if left <= 0:
            run_out = min(today, period.end) if spent > 0 else None
        elif today > period.end or today < period.start or recent <= 0:
            run_out = None
        else:
            run_out = today + timedelta(days=-(-left * RUN_OUT_WINDOW_DAYS // recent))
            run_out = run_out if run_out <= period.end else None
        result[budget.pk] = (
            period.start,
            period.end,
            amount,
            spent,
            committed,
            forecast,
            amount - projected,
            status,
            run_out,
        )
    return result
