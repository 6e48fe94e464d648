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
    utilization_for_organization,
)

# The chart's grid, in SVG user units: the names' column, the bars' track, a row.
LABEL_WIDTH = 170
TRACK_WIDTH = 400
ROW_HEIGHT = 26
TOP = 24
SCALE_PERCENT = 150  # the track's right end; a longer bar is cut there (the number says how far)


@dataclass
class ChartBar:
    row: ContractorUse
    y: int
    width: int
    label_x: int


@dataclass
class Chart:
    bars: list[ChartBar]
    height: int
    width: int = LABEL_WIDTH + TRACK_WIDTH + 60
    under_x: int = LABEL_WIDTH + TRACK_WIDTH * UNDER_USED_PERCENT // SCALE_PERCENT
    full_x: int = LABEL_WIDTH + TRACK_WIDTH * OVER_BOOKED_PERCENT // SCALE_PERCENT
    left: int = LABEL_WIDTH


def _chart(rows: list[ContractorUse]) -> Chart:
    bars = []
    for n, row in enumerate(rows):
        percent = row.current.percent or 0
        width = TRACK_WIDTH * min(percent, SCALE_PERCENT) // SCALE_PERCENT
        bars.append(ChartBar(row=row, y=TOP + n * ROW_HEIGHT, width=width, label_x=LABEL_WIDTH + width + 4))
    return Chart(bars=bars, height=TOP + len(rows) * ROW_HEIGHT + 6)


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
