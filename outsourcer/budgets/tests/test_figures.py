from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outsourcer.budgets.ledger import spend_totals_rebuild
from outsourcer.budgets.models import Budget, SpendEntry
from outsourcer.budgets.page_selectors import budget_page_figures, budget_run_out_by_id
from outsourcer.budgets.selectors import (
    RUN_OUT_WINDOW_DAYS,
    budget_burn_series,
    budget_figures,
    budget_forecast_run_out,
    budget_list_for_organization,
    budget_period_history,
    budget_spend_by_contractor,
    spend_entries_csv_rows,
    spend_entry_list_for_budget,
)
from outsourcer.budgets.services import expense_record
from outsourcer.contracts.jobs import retainer_fees_post
from outsourcer.contracts.services import contract_end, milestone_accept, time_entry_approve
from outsourcer.testing.builders import TODAY, log_time, make_budget, make_contract

pytestmark = pytest.mark.django_db


def _expense(budget, actor, cents, day, **extra):
    return expense_record(budget=budget, actor=actor, amount_cents=cents, occurred_on=day, description="x", **extra)


def test_spent_counts_only_the_current_period(personas):
    budget = make_budget(personas)
    _expense(budget, personas.bob, 1_000, date(2025, 2, 27))
    _expense(budget, personas.bob, 2_500, date(2025, 3, 2))
    _expense(budget, personas.bob, 500, TODAY)

    figures = budget_figures(budget=budget, today=TODAY)

    assert (figures.period_start, figures.period_end) == (date(2025, 3, 1), date(2025, 3, 31))
    assert figures.spent_cents == 3_000
    assert figures.remaining_cents == 97_000
    assert figures.percent_spent == 3
    assert figures.status == "ok"
    assert budget_figures(budget=budget, today=TODAY, period_start=date(2025, 2, 3)).spent_cents == 1_000


@pytest.mark.parametrize(
    ("spent", "status", "percent"),
    [(49_999, "ok", 49), (50_000, "warn", 50), (99_999, "warn", 99), (100_000, "over", 100), (130_000, "over", 130)],
)
def test_the_status_colour_follows_the_first_threshold_and_100_percent(personas, spent, status, percent):
    budget = make_budget(personas)
    _expense(budget, personas.bob, spent, TODAY)

    figures = budget_figures(budget=budget, today=TODAY)

    assert (figures.status, figures.percent_spent) == (status, percent)


def test_committed_holds_unpaid_milestones_due_in_the_period_and_unposted_retainer_months(personas):
    budget = make_budget(personas, period="quarterly", amount_cents=1_000_000)
    fixed = make_contract(personas, budget, rate_model="fixed")  # 100 € due 20 Mar, 200 € due 20 Apr
    make_contract(personas, budget, rate_model="retainer")  # 500 € a month

    figures = budget_figures(budget=budget, today=TODAY)
    # Q1: milestone due 20 Mar (10,000) + March fee not yet posted (50,000); April's milestone is Q2's.
    assert figures.committed_cents == 60_000
    assert figures.remaining_cents == 1_000_000 - 60_000

    retainer_fees_post(today=TODAY)
    milestone_accept(milestone=fixed.milestones.get(title="Draft"), actor=personas.bob, today=TODAY)
    figures = budget_figures(budget=budget, today=TODAY)
    assert (figures.spent_cents, figures.committed_cents) == (60_000, 0)

    q2 = budget_figures(budget=budget, today=TODAY, period_start=date(2025, 4, 1))
    assert q2.committed_cents == 20_000 + 3 * 50_000


def test_ended_contracts_commit_nothing(personas):
    budget = make_budget(personas)
    retainer = make_contract(personas, budget, rate_model="retainer")
    contract_end(contract=retainer, actor=personas.alice)

    assert budget_figures(budget=budget, today=TODAY).committed_cents == 0


def test_the_hourly_forecast_is_cap_times_weeks_left_times_rate(personas):
    budget = make_budget(personas)
    make_contract(personas, budget)  # 20 h/week at 60 €

    figures = budget_figures(budget=budget, today=TODAY)

    # 17–31 March: 15 days = 15/7 weeks × 20 h × 60 € = 2,571.43 €
    assert figures.forecast_hourly_cents == 257_143
    assert figures.committed_cents == 0


def test_a_past_period_commits_nothing(personas):
    budget = make_budget(personas)
    make_contract(personas, budget, rate_model="retainer")

    february = budget_figures(budget=budget, today=TODAY, period_start=date(2025, 2, 1))

    assert (february.committed_cents, february.forecast_hourly_cents) == (0, 0)


def test_the_list_has_every_budget_with_figures_in_two_queries(personas):
    monthly = make_budget(personas, name="B monthly")
    one_off = make_budget(personas, name="A one-off", period="one_off", starts_on=date(2025, 1, 1),
                          ends_on=date(2025, 12, 31), amount_cents=500_000)  # fmt: skip
    make_budget(personas, name="C not started", starts_on=date(2025, 6, 1))
    make_budget(personas, name="D ended", starts_on=date(2024, 1, 1), ends_on=date(2024, 11, 30))
    make_budget(personas, name="Oscar's", organization=personas.other_org, actor=personas.oscar)
    _expense(monthly, personas.bob, 7_000, TODAY)
    _expense(one_off, personas.bob, 1_000, date(2025, 1, 5))

    with CaptureQueriesContext(connection) as queries:
        budgets = budget_list_for_organization(organization=personas.org, today=TODAY)

    assert len(queries) == 2  # the budgets, then one statement for all their figures
    names = [(b.name, b.figures.period_start, b.figures.spent_cents) for b in budgets]
    assert names == [
        ("A one-off", date(2025, 1, 1), 1_000),
        ("B monthly", date(2025, 3, 1), 7_000),
        ("C not started", date(2025, 6, 1), 0),
        ("D ended", date(2024, 11, 1), 0),
    ]


def test_the_list_and_page_figures_equal_budget_figures_for_every_kind_of_budget_and_contract(personas):
    # The overview computes periods in Python and sends one hand-written statement; the single-budget
    # figures come from annotate_figures. Every figure must agree, cent for cent.
    budgets = [
        make_budget(personas, name="Monthly", amount_cents=300_000),
        make_budget(personas, name="Quarterly", period="quarterly", amount_cents=900_000),
        make_budget(personas, name="Yearly", period="yearly", amount_cents=5_000_000),
        make_budget(personas, name="Partial", starts_on=date(2025, 3, 10), amount_cents=100_000),
        make_budget(
            personas,
            name="One-off",
            period="one_off",
            starts_on=date(2025, 1, 1),
            ends_on=date(2025, 6, 30),
            amount_cents=800_000,
        ),  # fmt: skip
        make_budget(
            personas, name="Not started", period="quarterly", starts_on=date(2025, 5, 15), amount_cents=400_000
        ),  # fmt: skip
        make_budget(
            personas,
            name="Ends this month",
            period="yearly",
            starts_on=date(2024, 1, 1),
            ends_on=date(2025, 3, 25),
            amount_cents=700_000,
        ),  # fmt: skip
        make_budget(personas, name="Ended", starts_on=date(2024, 1, 1), ends_on=date(2024, 11, 30)),
    ]
    for budget in budgets:
        if budget.name == "Ended":
            continue
        starts = max(date(2025, 1, 1), budget.starts_on)
        milestones = [
            {"title": "Draft", "amount_cents": 10_000, "due_on": starts + timedelta(days=3)},
            {"title": "Final", "amount_cents": 20_000, "due_on": starts + timedelta(days=40)},
        ]
        dates = {"starts_on": starts, "ends_on": budget.ends_on}
        make_contract(personas, budget, rate_model="fixed", milestones=milestones, **dates)
        make_contract(personas, budget, rate_model="retainer", **dates)
        make_contract(personas, budget, **dates)
        _expense(budget, personas.bob, 12_345, max(TODAY.replace(day=15), budget.starts_on)
                 if budget.starts_on <= TODAY else budget.starts_on)  # fmt: skip
    ended = make_contract(personas, budgets[0], rate_model="retainer")
    contract_end(contract=ended, actor=personas.alice)
    retainer_fees_post(today=TODAY)

    listed = {b.pk: b.figures for b in budget_list_for_organization(organization=personas.org, today=TODAY)}

    for budget in budgets:
        assert listed[budget.pk] == budget_figures(budget=budget, today=TODAY), budget.name
    # The budget page's figures (the same statement, one budget, any period it can show).
    for budget in budgets:
        for period, _ in budget_period_history(budget=budget, today=TODAY + timedelta(days=120)):
            expected = budget_figures(budget=budget, today=TODAY, period_start=period.start)
            got = budget_page_figures(budget=budget, today=TODAY, period_start=period.start)
            assert got == expected, (budget.name, period)
    assert any(f.committed_cents for f in listed.values()) and any(f.forecast_hourly_cents for f in listed.values())


def test_the_list_needs_the_same_number_of_queries_for_10_and_1000_budgets(personas):
    def grow(n):
        start = Budget.objects.count()
        budgets = Budget.objects.bulk_create(
            Budget(organization=personas.org, name=f"Budget {start + i}", period=("monthly", "quarterly", "yearly",
                   "one_off")[i % 4], starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 31), amount_cents=10_000,
                   currency="EUR")
            for i in range(n)
        )  # fmt: skip
        SpendEntry.objects.bulk_create(
            SpendEntry(organization=personas.org, budget=b, period_start=b.starts_on if b.period == "one_off"
                       else date(2025, 3 if b.period == "monthly" else 1, 1), kind="expense", amount_cents=100,
                       currency="EUR", occurred_on=TODAY)
            for b in budgets
        )  # fmt: skip
        spend_totals_rebuild([b.pk for b in budgets])  # a bulk load: its sums as the bench loads them

    def count():
        with CaptureQueriesContext(connection) as queries:
            budgets = budget_list_for_organization(organization=personas.org, today=TODAY)
        assert all(b.figures.spent_cents == 100 for b in budgets)
        return len(queries), len(budgets)

    grow(10)
    ten = count()
    grow(990)
    thousand = count()

    assert (ten[1], thousand[1]) == (10, 1000)
    assert ten[0] == thousand[0] == 2


def test_history_lists_every_period_newest_first(personas):
    budget = make_budget(personas)
    _expense(budget, personas.bob, 1_000, date(2025, 1, 5))
    _expense(budget, personas.bob, 3_000, TODAY)

    history = budget_period_history(budget=budget, today=TODAY)

    assert [(p.start, spent) for p, spent in history] == [
        (date(2025, 3, 1), 3_000), (date(2025, 2, 1), 0), (date(2025, 1, 1), 1_000),
    ]  # fmt: skip


def test_the_burn_series_is_cumulative_per_day(personas):
    budget = make_budget(personas)
    _expense(budget, personas.bob, 1_000, date(2025, 3, 2))
    _expense(budget, personas.bob, 500, date(2025, 3, 4))

    series = budget_burn_series(budget=budget, period_start=date(2025, 3, 1), today=date(2025, 3, 5))

    assert series == [(date(2025, 3, d), c) for d, c in ((1, 0), (2, 1_000), (3, 1_000), (4, 1_500), (5, 1_500))]


def test_run_out_follows_the_30_day_burn(personas):
    budget = make_budget(personas, amount_cents=100_000)
    _expense(budget, personas.bob, 60_000, date(2025, 3, 10))  # 2,000/day over 30 days; 40,000 left → 20 days

    assert budget_forecast_run_out(budget=budget, today=date(2025, 3, 10)) == date(2025, 3, 30)
    assert budget_forecast_run_out(budget=budget, today=date(2025, 3, 16)) is None  # past the period's end


def test_run_out_is_none_without_recent_spend_and_today_once_over(personas):
    budget = make_budget(personas, amount_cents=100_000)
    assert budget_forecast_run_out(budget=budget, today=TODAY) is None
    _expense(budget, personas.bob, 100_000, date(2025, 3, 3))
    assert budget_forecast_run_out(budget=budget, today=TODAY) == TODAY


def test_spend_by_contractor_is_largest_first(personas):
    budget = make_budget(personas)
    contract = make_contract(personas, budget)
    time_entry_approve(entry=log_time(contract, minutes=120), actor=personas.bob)
    _expense(budget, personas.bob, 3_000, TODAY)

    rows = budget_spend_by_contractor(budget=budget, period_start=date(2025, 3, 1))

    assert [(r.name, r.spent_cents) for r in rows] == [("Carol Contractor", 12_000), ("No contractor", 3_000)]


def test_the_ledger_filters_and_exports_csv(personas):
    budget = make_budget(personas)
    contract = make_contract(personas, budget)
    time_entry_approve(entry=log_time(contract, minutes=60, worked_on=date(2025, 3, 3)), actor=personas.bob)
    _expense(budget, personas.bob, 250, TODAY)
    _expense(budget, personas.bob, 99, date(2025, 2, 3))
    entries = spend_entry_list_for_budget(budget=budget, since=date(2025, 3, 1))

    assert [e.amount_cents for e in entries] == [250, 6_000]
    assert [e.kind for e in spend_entry_list_for_budget(budget=budget, kind="time")] == ["time"]
    carol = spend_entry_list_for_budget(budget=budget, contractor_id=personas.carol_contractor.pk)
    assert [e.amount_cents for e in carol] == [6_000]
    assert [e.amount_cents for e in spend_entry_list_for_budget(budget=budget, until=date(2025, 2, 28))] == [99]

    rows = list(spend_entries_csv_rows(budget=budget, since=date(2025, 3, 1)))
    assert rows[0][:4] == ["id", "occurred_on", "period_start", "kind"]
    assert [row[7] for row in rows[1:]] == ["2.50", "60.00"]


def test_csv_cells_cannot_start_a_formula(personas):
    budget = make_budget(personas)
    expense_record(budget=budget, actor=personas.bob, amount_cents=1, occurred_on=TODAY, description="=HYPERLINK()")

    rows = list(spend_entries_csv_rows(budget=budget))

    assert rows[1][4] == "'=HYPERLINK()"


def test_the_forecast_is_rounded_once_per_budget_not_per_contract(personas):
    budget = make_budget(personas, amount_cents=10**9)
    for title in ("A", "B"):  # each 1 min/week at 0.09 €/h over 14 days = 0.3 cent
        make_contract(personas, budget, title=title, hourly_rate_cents=9, weekly_cap_minutes=1)

    figures = budget_figures(budget=budget, today=date(2025, 3, 18))

    assert figures.forecast_hourly_cents == 1  # 0.6 → 1, where 0.3 → 0 twice would give 0


def test_the_overview_run_out_equals_the_single_budget_forecast_with_and_without_listed_recent_spend(personas):
    tight = make_budget(personas, name="Tight", amount_cents=40_000)
    loose = make_budget(personas, name="Loose", period="yearly", amount_cents=5_000_000)
    used_up = make_budget(personas, name="Used up", amount_cents=10_000)
    quiet = make_budget(personas, name="Quiet", amount_cents=10_000)
    other = make_budget(personas, name="Oscar's", organization=personas.other_org, actor=personas.oscar)
    window_start = TODAY - timedelta(days=RUN_OUT_WINDOW_DAYS - 1)
    _expense(tight, personas.bob, 30_000, window_start)  # first day of the window: counts
    _expense(tight, personas.bob, 20_000, TODAY)
    _expense(loose, personas.bob, 90_000, window_start - timedelta(days=1))  # the day before: does not
    _expense(loose, personas.bob, 45_000, TODAY - timedelta(days=3))
    _expense(used_up, personas.bob, 12_000, TODAY)
    _expense(other, personas.oscar, 99_000, TODAY)
    expected = {b.pk: budget_forecast_run_out(budget=b, today=TODAY) for b in (tight, loose, used_up, quiet)}

    listed = budget_list_for_organization(organization=personas.org, today=TODAY, recent_days=RUN_OUT_WINDOW_DAYS)
    with CaptureQueriesContext(connection) as queries:
        from_listing = budget_run_out_by_id(organization=personas.org, budgets=listed, today=TODAY)
    plain = budget_list_for_organization(organization=personas.org, today=TODAY)
    queried = budget_run_out_by_id(organization=personas.org, budgets=plain, today=TODAY)

    assert len(queries) == 0
    assert {b.pk: b.recent_spent_cents for b in listed} == {tight.pk: 50_000, loose.pk: 45_000, used_up.pk: 12_000,
                                                           quiet.pk: 0}  # fmt: skip
    assert from_listing == queried == expected
    assert expected[tight.pk] is not None and expected[used_up.pk] == TODAY
