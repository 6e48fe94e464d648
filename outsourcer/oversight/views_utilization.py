"""The organization's utilization page (capacity, allocation and logged time per contractor, with
the under-used and the over-booked flagged, as an SVG chart and a table) and the consolidation
advisor. Read-only: one selector each."""

from dataclasses import dataclass

from django.shortcuts import render
from django.utils import timezone

from outsourcer.accounts.access import OrgContext
from outsourcer.accounts.decorators import org_view
from outsourcer.budgets.periods import today_for
from outsourcer.oversight.selectors.consolidation import consolidation_for_organization
from outsourcer.oversight.selectors.utilization import (
    OVER_BOOKED_PERCENT,
    UNDER_USED_PERCENT,
    ContractorUse,
    WeekUse,
    utilization_for_organization,
)

# The chart's grid, in SVG user units: the names' column, the bars' track, a row.
LABEL_WIDTH = 170
TRACK_WIDTH = 400
ROW_HEIGHT = 26
TOP = 24
SCALE_PERCENT = 150  # the track's right end; a longer bar is cut there (the number says how far)
BAR_STEP = 6  # a week's bar is 5 high, one apart


@dataclass
class WeekBar:
    week: WeekUse
    y: int
    width: int


@dataclass
class ChartRow:
    row: ContractorUse
    y: int
    weeks: list[WeekBar]
    label_x: int


@dataclass
class Chart:
    rows: list[ChartRow]
    height: int
    width: int = LABEL_WIDTH + TRACK_WIDTH + 60
    under_x: int = LABEL_WIDTH + TRACK_WIDTH * UNDER_USED_PERCENT // SCALE_PERCENT
    full_x: int = LABEL_WIDTH + TRACK_WIDTH * OVER_BOOKED_PERCENT // SCALE_PERCENT
    left: int = LABEL_WIDTH


def _width(week: WeekUse) -> int:
    percent = week.percent if week.percent is not None else (SCALE_PERCENT if week.used_minutes else 0)
    return TRACK_WIDTH * min(percent, SCALE_PERCENT) // SCALE_PERCENT


def _chart(rows: list[ContractorUse]) -> Chart:
    """One row per contractor: a thin bar per week, this week on top."""
    chart_rows = []
    for n, row in enumerate(rows):
        y = TOP + n * ROW_HEIGHT
        bars = [WeekBar(week, y + 1 + k * BAR_STEP, _width(week)) for k, week in enumerate(row.weeks)]
        label_x = LABEL_WIDTH + max(bar.width for bar in bars) + 4
        chart_rows.append(ChartRow(row=row, y=y, weeks=bars, label_x=label_x))
    return Chart(rows=chart_rows, height=TOP + len(rows) * ROW_HEIGHT + 6)


@org_view("oversight.view")
def utilization_page(request, ctx: OrgContext):
    data = utilization_for_organization(
        organization=ctx.organization, today=today_for(ctx.organization), now=timezone.now()
    )
    context = {
        "ctx": ctx,
        "u": data,
        "chart": _chart(data.rows),
        "under": UNDER_USED_PERCENT,
        "over": OVER_BOOKED_PERCENT,
    }
    return render(request, "oversight/utilization/page.html", context)


@org_view("oversight.view")
def consolidation_page(request, ctx: OrgContext):
    data = consolidation_for_organization(
        organization=ctx.organization, today=today_for(ctx.organization), now=timezone.now()
    )
    return render(request, "oversight/utilization/consolidation.html", {"ctx": ctx, "c": data})
