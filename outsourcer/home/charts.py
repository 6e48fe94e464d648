"""The owner's home charts as plain geometry for server-rendered inline SVG (like budgets/charts.py:
no JavaScript, no inline styles), each with its numbers as rows for the table under it.

- Spend against budget: each budget's current period, spent and committed against the amount.
- Utilization: per contractor, the minutes their accepted tasks here need in the next seven days
  (work/capacity.py spreads each estimate over the working time to its deadline) against the
  weekly capacity they declared. Only this organization's tasks count; time logged is not in it.
- On time: per month of the last six, the share of tasks with a deadline done by it.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from outsourcer.lib.durations import duration_text
from outsourcer.lib.money import format_money
from outsourcer.work.capacity import Commitment, week_load
from outsourcer.work.selectors_needs import tasks_committed_for_organization, tasks_done_by_month
from outsourcer.work.week import zone_of

BAR_WIDTH = 300  # px of a 100 % bar; bars past 100 % go on to MAX_PERCENT
MAX_PERCENT = 150
ROW_HEIGHT = 28
MONTHS = 6
COLUMN_WIDTH, COLUMN_HEIGHT = 48, 120
ROWS = 10


@dataclass(frozen=True)
class Bar:
    label: str
    y: float
    width: float  # the figure's bar, capped at MAX_PERCENT
    percent: int | None
    cells: tuple[str, ...]  # the table row after the label
    tone: str = ""  # "warn" | "over" | ""
    top: float = 0  # a column's top (vertical charts)


@dataclass
class BarChart:
    key: str
    title: str
    summary: str
    headers: tuple[str, ...]
    bars: list[Bar] = field(default_factory=list)
    full_x: float = BAR_WIDTH  # where 100 % falls
    width: int = int(BAR_WIDTH * MAX_PERCENT / 100) + 8
    height: int = 0
    vertical: bool = False


def _bar_width(percent: int | None) -> float:
    return round(BAR_WIDTH * min(percent or 0, MAX_PERCENT) / 100, 1)


def _tone(percent: int | None) -> str:
    return "over" if (percent or 0) > 100 else "warn" if (percent or 0) >= 80 else ""


def spend_chart(budgets: list) -> BarChart | None:
    """Spent (and committed) against each budget's amount this period, the fullest first."""
    if not budgets:
        return None
    rows = sorted(budgets, key=lambda b: (-b.figures.percent_spent, b.name))[:ROWS]
    chart = BarChart(
        key="spend",
        title="Spend against budget",
        summary="Each budget's spending this period as a share of its amount.",
        headers=("Budget", "Spent", "Committed", "Budget this period", "Spent %"),
    )
    for i, budget in enumerate(rows):
        f = budget.figures
        chart.bars.append(
            Bar(
                label=budget.name,
                y=i * ROW_HEIGHT,
                width=_bar_width(f.percent_spent),
                percent=f.percent_spent,
                cells=(
                    format_money(f.spent_cents, f.currency),
                    format_money(f.committed_cents, f.currency),
                    format_money(f.budgeted_cents, f.currency),
                    f"{f.percent_spent} %",
                ),
                tone=_tone(f.percent_spent),
            )
        )
    chart.height = len(chart.bars) * ROW_HEIGHT
    return chart


def utilization_chart(*, organization, now: datetime) -> BarChart | None:
    """Per contractor, the next seven days' share of their accepted tasks here against their
    declared weekly capacity, the busiest first (one query)."""
    by_contractor: dict[int, list[dict]] = {}
    for task in tasks_committed_for_organization(organization=organization):
        by_contractor.setdefault(task["contractor_id"], []).append(task)
    loads = []
    for contractor_tasks in by_contractor.values():
        contractor = contractor_tasks[0]
        load = week_load(
            [Commitment(t["id"], t["estimate_minutes"], t["deadline_at"]) for t in contractor_tasks],
            week_start=now,
            week_end=now + timedelta(days=7),
            now=now,
            time_zone=contractor["contractor__time_zone"],
            working_hours=contractor["contractor__working_hours"],
            capacity_minutes=contractor["contractor__weekly_capacity_minutes"],
        )
        loads.append((contractor["contractor__name"], load))
    if not loads:
        return None
    loads.sort(key=lambda pair: (-(pair[1].percent or 0), -pair[1].planned_minutes, pair[0]))
    chart = BarChart(
        key="utilization",
        title="Utilization, next 7 days",
        summary="Hours each contractor's accepted tasks here need in the next 7 days, against their weekly capacity.",
        headers=("Contractor", "Planned", "Capacity", "Used %"),
    )
    for i, (name, load) in enumerate(loads[:ROWS]):
        chart.bars.append(
            Bar(
                label=name,
                y=i * ROW_HEIGHT,
                width=_bar_width(load.percent),
                percent=load.percent,
                cells=(
                    duration_text(load.planned_minutes),
                    duration_text(load.capacity_minutes) if load.capacity_minutes else "not declared",
                    f"{load.percent} %" if load.percent is not None else "–",
                ),
                tone=_tone(load.percent),
            )
        )
    chart.height = len(chart.bars) * ROW_HEIGHT
    return chart


def _month_starts(today: date) -> list[date]:
    months, first = [], today.replace(day=1)
    for _ in range(MONTHS):
        months.append(first)
        first = (first - timedelta(days=1)).replace(day=1)
    return list(reversed(months))


def on_time_chart(*, organization, today: date) -> BarChart | None:
    """Per month of the last six (this one included), tasks with a deadline done by it, as a share
    of those done; a month with none done has no bar."""
    zone = zone_of(organization.time_zone)
    since = datetime.combine(_month_starts(today)[0], time(), tzinfo=zone)
    rows = {
        row["month"]: row
        for row in tasks_done_by_month(organization=organization, since=since, time_zone=organization.time_zone)
    }
    if not rows:
        return None
    chart = BarChart(
        key="on_time",
        title="Done on time",
        summary="Each month's tasks done by their deadline, as a share of the tasks with a deadline done that month.",
        headers=("Month", "Done", "On time", "On time %"),
        vertical=True,
        width=COLUMN_WIDTH * MONTHS,
        height=COLUMN_HEIGHT,
    )
    for i, month in enumerate(_month_starts(today)):
        row = rows.get(month, {"done": 0, "on_time": 0})
        percent = (row["on_time"] * 100 + row["done"] // 2) // row["done"] if row["done"] else None
        height = round(COLUMN_HEIGHT * (percent or 0) / 100, 1)
        chart.bars.append(
            Bar(
                label=f"{month:%b %Y}",
                y=i * COLUMN_WIDTH,  # the column's x
                width=height,  # the column's height
                top=COLUMN_HEIGHT - height,
                percent=percent,
                cells=(str(row["done"]), str(row["on_time"]), f"{percent} %" if percent is not None else "–"),
                tone="over"
                if percent is not None and percent < 50
                else "warn"
                if percent is not None and percent < 80
                else "",
            )
        )
    return chart


def home_charts(ctx, *, today: date, budgets: list) -> list[BarChart]:
    """The home's charts that have something to show: spend, utilization, on time."""
    charts = [
        spend_chart(budgets),
        utilization_chart(organization=ctx.organization, now=timezone.now()),
        on_time_chart(organization=ctx.organization, today=today),
    ]
    return [chart for chart in charts if chart is not None]
