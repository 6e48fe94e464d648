"""The contractor's performance section (oversight/selectors/performance.py) for the contractor's
page in the organization, as an inclusion tag so that page includes it with one line; and its
history chart as plain geometry for an inline SVG (no JavaScript; the numbers are in a table)."""

from dataclasses import dataclass, field

from django import template

from outsourcer.budgets.charts import Tick as Point
from outsourcer.budgets.periods import today_for
from outsourcer.oversight.selectors.performance import Month, performance_for_engagement

register = template.Library()

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 16, 36


@dataclass
class HistoryChart:
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_x: int = WIDTH - RIGHT
    top: int = TOP
    bottom_y: int = HEIGHT - BOTTOM
    on_time: list[Point] = field(default_factory=list)
    first_time: list[Point] = field(default_factory=list)
    x_ticks: list[Point] = field(default_factory=list)
    y_ticks: list[Point] = field(default_factory=list)
    summary: str = ""

    @staticmethod
    def points(series: list[Point]) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in series)

    @property
    def on_time_points(self) -> str:
        return self.points(self.on_time)

    @property
    def first_time_points(self) -> str:
        return self.points(self.first_time)


def history_chart(history: list[Month]) -> HistoryChart:
    """On-time % and first-time acceptance % month by month; months without work have no point."""
    chart = HistoryChart()
    step = (chart.right_x - chart.left) / max(len(history), 1)
    height = chart.bottom_y - chart.top

    def y(percent: int) -> float:
        return round(chart.bottom_y - percent / 100 * height, 1)

    chart.y_ticks = [Point(chart.left, y(p), f"{p} %") for p in (0, 50, 100)]
    for index, month in enumerate(history):
        x = round(chart.left + (index + 0.5) * step, 1)
        if index % 2 == 0 or index == len(history) - 1:
            chart.x_ticks.append(Point(x, chart.bottom_y, month.month.strftime("%b %y")))
        if month.on_time_percent is not None:
            chart.on_time.append(Point(x, y(month.on_time_percent), f"{month.on_time_percent} %"))
        if month.first_time_percent is not None:
            chart.first_time.append(Point(x, y(month.first_time_percent), f"{month.first_time_percent} %"))
    worked = [m for m in history if m.due or m.accepted]
    chart.summary = (
        f"On-time and first-time acceptance rates over {len(history)} months; {len(worked)} months with work. "
        "The table below lists every number."
    )
    return chart


@register.inclusion_tag("oversight/performance/_section.html")
def contractor_performance(engagement, contractor_name: str = ""):
    """The performance section of the contractor's page: four queries whatever the history."""
    performance = performance_for_engagement(engagement=engagement, today=today_for(engagement.organization))
    return {
        "performance": performance,
        "chart": history_chart(performance.history),
        "name": contractor_name or engagement.contractor.name,
    }
