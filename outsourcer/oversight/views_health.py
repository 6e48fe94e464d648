"""The Outsourcing Health Check page (/o/<org>/health/): a score per mistake with the facts behind
it and the actions that would raise it, and the monthly trend as an SVG chart and a table.
Read-only; every member may read it ("oversight.view"), the activity-log links show to those who
may read the log."""

from dataclasses import dataclass
from datetime import timedelta

from django.shortcuts import render
from django.utils import timezone

from outsourcer.accounts.access import OrgContext
from outsourcer.accounts.decorators import org_view
from outsourcer.budgets.periods import today_for
from outsourcer.oversight.health import WINDOW_DAYS, health_score
from outsourcer.oversight.health_links import health_links
from outsourcer.oversight.selectors.health import health_facts, health_history

# The trend chart's grid, in SVG user units.
STEP = 60
LEFT = 40
TOP = 10
HEIGHT = 120  # 100 points


@dataclass
class Point:
    x: int
    y: int
    month: object
    overall: int


def trend_points(history) -> list[Point]:
    """Each snapshot with an overall score, placed on the chart (y grows downwards)."""
    known = [snapshot for snapshot in history if snapshot.overall is not None]
    return [
        Point(LEFT + STEP * index, TOP + HEIGHT * (100 - snapshot.overall) // 100, snapshot.month, snapshot.overall)
        for index, snapshot in enumerate(known)
    ]


@dataclass
class Shown:
    text: str
    url: str
    value: str = ""
    gain: int = 0


def shown_scores(report, links: dict[str, str]) -> list[dict]:
    """The report with each fact's and action's URL resolved, for the template."""
    return [
        {
            "score": score,
            "facts": [Shown(fact.label, links.get(fact.link, ""), fact.value) for fact in score.facts],
            "actions": [Shown(action.text, links.get(action.link, ""), gain=action.gain) for action in score.actions],
        }
        for score in report.scores
    ]


def history_rows(history, report) -> list[tuple]:
    """(month, overall, [score per mistake in the report's order]) per snapshot."""
    return [
        (snapshot.month, snapshot.overall, [snapshot.scores.get(score.key) for score in report.scores])
        for snapshot in history
    ]


@org_view("oversight.view")
def health_page(request, ctx: OrgContext):
    now = timezone.now()
    today = today_for(ctx.organization)
    report = health_score(health_facts(organization=ctx.organization, today=today, now=now))
    since = (today - timedelta(days=WINDOW_DAYS)).isoformat()
    links = health_links(report, org_slug=ctx.organization.slug, since=since, activity=ctx.may("activity.view"))
    history = health_history(organization=ctx.organization)
    points = trend_points(history)
    context = {
        "ctx": ctx,
        "report": report,
        "scores": shown_scores(report, links),
        "history_rows": history_rows(history, report),
        "window_days": WINDOW_DAYS,
        "history": history,
        "points": points,
        "polyline": " ".join(f"{p.x},{p.y}" for p in points),
        "chart": {"width": LEFT + STEP * max(len(points), 1) + 20, "height": TOP + HEIGHT + 30, "left": LEFT,
                  "top": TOP, "bottom": TOP + HEIGHT, "middle": TOP + HEIGHT // 2, "label_y": TOP + HEIGHT + 20},
    }  # fmt: skip
    return render(request, "oversight/health/page.html", context)
