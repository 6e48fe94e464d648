"""The burn chart as plain geometry for a server-rendered inline SVG: no JavaScript, no inline
styles (the CSP forbids them), only SVG presentation attributes and classes from app.css.

Pixel coordinates are floats rounded to one decimal; the money they picture stays in integer
cents and is listed, exactly, in the table under the chart.

The chart comes in two widths drawn from the same figures: an SVG scales to its box, so the wide one
on a phone would shrink its labels to a third of their size; the page shows the narrow one there
(app.css), whose labels stay at their size.
"""

from dataclasses import dataclass, field
from datetime import date

from outsourcer.lib.money import format_money

WIDTH, HEIGHT = 640, 260
NARROW_WIDTH, NARROW_HEIGHT = 340, 220  # a phone's width less the page's margins
LEFT, RIGHT, TOP, BOTTOM = 84, 16, 16, 36  # room for the axis labels


@dataclass(frozen=True)
class Tick:
    x: float
    y: float
    label: str


@dataclass
class BurnChart:
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_x: int = WIDTH - RIGHT
    top: int = TOP
    bottom_y: int = HEIGHT - BOTTOM
    spend_points: str = ""  # polyline of cumulative spend
    last_point: tuple[float, float] | None = None
    plan_points: str = ""  # straight line from nothing to the full budget at the period's end
    budget_y: float = TOP
    x_ticks: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    thresholds: list[Tick] = field(default_factory=list)
    summary: str = ""  # the chart in one sentence, for screen readers
    narrow: "BurnChart | None" = None  # the same chart drawn for a phone


def _fmt(value: float) -> str:
    return f"{value:.1f}"


def burn_chart(
    *,
    series: list[tuple[date, int]],
    budgeted_cents: int,
    currency: str,
    period_start: date,
    period_end: date,
    thresholds: list[int] = (),
) -> BurnChart:
    """Geometry for cumulative spend over the period against the budget line, with `narrow`, the
    same chart for a phone."""
    figures = {
        "series": series,
        "budgeted_cents": budgeted_cents,
        "currency": currency,
        "period_start": period_start,
        "period_end": period_end,
        "thresholds": thresholds,
    }
    chart = _burn_chart(width=WIDTH, height=HEIGHT, **figures)
    chart.narrow = _burn_chart(width=NARROW_WIDTH, height=NARROW_HEIGHT, **figures)
    return chart


def _burn_chart(
    *,
    width: int,
    height: int,
    series: list[tuple[date, int]],
    budgeted_cents: int,
    currency: str,
    period_start: date,
    period_end: date,
    thresholds: list[int],
) -> BurnChart:
    chart = BurnChart(width=width, height=height, right_x=width - RIGHT, bottom_y=height - BOTTOM)
    days = max((period_end - period_start).days, 1)
    plot_w = chart.right_x - chart.left
    plot_h = chart.bottom_y - chart.top
    highest = max([budgeted_cents, *(cents for _, cents in series)]) or 1
    # Leave headroom above the budget line so "over budget" is visibly over.
    scale_max = highest * 1.1

    def x(day: date) -> float:
        return chart.left + plot_w * min(max((day - period_start).days, 0), days) / days

    def y(cents: int) -> float:
        return chart.bottom_y - plot_h * max(cents, 0) / scale_max

    points = [(x(day), y(cents)) for day, cents in series]
    if points:
        # Start from zero on the first day so a single day still draws a line.
        points.insert(0, (chart.left, chart.bottom_y))
        chart.spend_points = " ".join(f"{_fmt(px)},{_fmt(py)}" for px, py in points)
        chart.last_point = (round(points[-1][0], 1), round(points[-1][1], 1))
    chart.plan_points = f"{chart.left},{chart.bottom_y} {chart.right_x},{_fmt(y(budgeted_cents))}"
    chart.budget_y = round(y(budgeted_cents), 1)
    chart.thresholds = [
        Tick(chart.right_x, round(y(budgeted_cents * t // 100), 1), f"{t} %") for t in thresholds if t != 100
    ]
    chart.y_ticks = [
        Tick(chart.left, round(y(cents), 1), format_money(cents, currency))
        for cents in (0, budgeted_cents // 2, budgeted_cents)
    ]
    middle = period_start + (period_end - period_start) / 2
    chart.x_ticks = [
        Tick(round(x(day), 1), chart.bottom_y, f"{day:%-d %b}") for day in (period_start, middle, period_end)
    ]
    spent = series[-1][1] if series else 0
    chart.summary = (
        f"Spend rose to {format_money(spent, currency)} of {format_money(budgeted_cents, currency)} "
        f"between {period_start:%-d %b %Y} and {series[-1][0]:%-d %b %Y}."
        if series
        else f"Nothing spent yet in the period {period_start:%-d %b %Y} – {period_end:%-d %b %Y}."
    )
    return chart
