"""The Outsourcing Health Check over the API (mounted at /health): the current scores with their
facts and actions, and the monthly snapshots. Every member reads ("oversight.view"); a contractor's
portal token gets 404. Links are paths on this server ("" when the caller may not open the page)."""

from datetime import date, timedelta

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema

from outsourcer.api.auth import org_context
from outsourcer.api.errors import with_errors
from outsourcer.budgets.periods import today_for
from outsourcer.oversight.health import WINDOW_DAYS, health_score
from outsourcer.oversight.health_links import health_links
from outsourcer.oversight.selectors.health import health_facts, health_history

health_router = Router(tags=["health"])


class FactOut(Schema):
    label: str
    value: str
    link: str = Field(description="The rows behind the number: a list page filtered, or the activity log.")


class ActionOut(Schema):
    text: str
    link: str
    gain: int = Field(description="Points the score would gain at most.")


class ScoreOut(Schema):
    key: str = Field(description="budget, choosing, using, communication or monitoring")
    number: int = Field(description="The mistake's number in the product's table (1–5).")
    title: str
    score: int | None = Field(description="0–100; null: no data yet.")
    facts: list[FactOut]
    actions: list[ActionOut]
    missing: list[str] = Field(description="Signals without data yet.")


class HealthOut(Schema):
    window_days: int
    overall: int | None
    scores: list[ScoreOut]


class SnapshotOut(Schema):
    month: date
    overall: int | None
    scores: dict[str, int | None]


class HistoryOut(Schema):
    items: list[SnapshotOut]


@health_router.get("", operation_id="health_get", response=with_errors({200: HealthOut}))
def health_get(request: HttpRequest):
    """The organization's Health Check now: each mistake's score, facts and top actions."""
    ctx = org_context(request, "oversight.view")
    today = today_for(ctx.organization)
    report = health_score(health_facts(organization=ctx.organization, today=today, now=timezone.now()))
    since = (today - timedelta(days=WINDOW_DAYS)).isoformat()
    links = health_links(report, org_slug=ctx.organization.slug, since=since, activity=ctx.may("activity.view"))
    scores = [
        {
            "key": score.key,
            "number": score.number,
            "title": score.title,
            "score": score.score,
            "facts": [{"label": f.label, "value": f.value, "link": links.get(f.link, "")} for f in score.facts],
            "actions": [{"text": a.text, "link": links.get(a.link, ""), "gain": a.gain} for a in score.actions],
            "missing": score.missing,
        }
        for score in report.scores
    ]
    return {"window_days": WINDOW_DAYS, "overall": report.overall, "scores": scores}


@health_router.get("/history", operation_id="health_history_list", response=with_errors({200: HistoryOut}))
def health_history_list(request: HttpRequest):
    """The monthly snapshots the worker recorded, the last twelve, oldest first."""
    ctx = org_context(request, "oversight.view")
    rows = health_history(organization=ctx.organization)
    return {"items": [{"month": s.month, "overall": s.overall, "scores": s.scores} for s in rows]}
