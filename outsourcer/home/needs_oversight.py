"""The home's oversight sections: hand-overs waiting for review (with how long) and accepted work
owed feedback. Each item links to the deliverable's page when it exists, else to its task."""

from datetime import date, datetime

from django.db.models import QuerySet

from outsourcer.accounts.access import OrgContext
from outsourcer.home.need_items import NeedItem, NeedSection, org_url_first, waited_text
from outsourcer.home.need_rows import NeedRow, need_branch
from outsourcer.lib.timezones import date_in
from outsourcer.oversight.selectors.needs import feedback_owed_for_organization, reviews_waiting_for_organization

ITEMS = 10
# What a deliverable row carries: its task, milestone (if any) and contractor.
DELIVERABLE_COLUMNS = {
    "task_id": "task_id",
    "title": "task__title",
    "part": "milestone__title",
    "name": "contractor__name",
}


def _what(row: NeedRow) -> str:
    what = row.title
    if row.part is not None:
        what += f" ({row.part})"
    return f"{what} · {row.name}"


def _page(ctx: OrgContext, row: NeedRow, *first: str) -> str:
    pages = [(name, row.item_id) for name in first]
    return org_url_first(ctx, *pages, ("oversight:deliverable", row.item_id), ("tasks:detail", row.task_id))


def reviews_waiting_rows(ctx: OrgContext, today: date, now: datetime) -> QuerySet:
    may_review = ctx.may("deliverable.review")
    rows = reviews_waiting_for_organization(
        organization=ctx.organization, not_user_id=ctx.user.pk if may_review else None
    )
    return need_branch(
        "reviews", rows, limit=ITEMS + 1, **DELIVERABLE_COLUMNS, item_id="id", at="submitted_at", number="version"
    )


def reviews_waiting(ctx: OrgContext, today: date, rows: list[NeedRow]) -> NeedSection | None:
    """Hand-overs waiting for a decision, the oldest first, with how long they have waited."""
    if not rows:
        return None
    may_review = ctx.may("deliverable.review")
    items = []
    for row in rows[:ITEMS]:
        since = date_in(row.at, ctx.organization.time_zone)
        days = (today - since).days
        items.append(
            NeedItem(
                label=f"{'Review' if may_review else 'See'} {_what(row)}",
                url=_page(ctx, row),
                detail=f"version {row.number}, waiting {waited_text(since, today)}",
                tone="over" if days >= 5 else "warn" if days >= 2 else "",
            )
        )
    return NeedSection(
        key="reviews",
        title="Reviews waiting",
        items=items,
        more_url=org_url_first(ctx, ("oversight:reviews", None), ("tasks:list", None)) if len(rows) > ITEMS else "",
        more_label="All hand-overs",
    )


def feedback_owed_rows(ctx: OrgContext, today: date, now: datetime) -> QuerySet:
    may_give = ctx.may("feedback.give")
    rows = feedback_owed_for_organization(organization=ctx.organization, not_user_id=ctx.user.pk if may_give else None)
    return need_branch("feedback", rows, limit=ITEMS + 1, **DELIVERABLE_COLUMNS, item_id="id", at="accepted_at")


def feedback_owed(ctx: OrgContext, today: date, rows: list[NeedRow]) -> NeedSection | None:
    """Accepted work without feedback yet, the longest-waiting first."""
    if not rows:
        return None
    may_give = ctx.may("feedback.give")
    items = []
    for row in rows[:ITEMS]:
        since = date_in(row.at, ctx.organization.time_zone)
        items.append(
            NeedItem(
                label=f"{'Give feedback on' if may_give else 'See'} {_what(row)}",
                url=_page(ctx, row, "feedback:give"),
                detail=f"accepted {waited_text(since, today).removeprefix('since ')}",
            )
        )
    return NeedSection(
        key="feedback",
        title="Feedback owed",
        note="Accepted work you have not rated yet: the contractor's record counts on it.",
        items=items,
        more_url=org_url_first(ctx, ("feedback:owed", None), ("tasks:list", None)) if len(rows) > ITEMS else "",
        more_label="All feedback owed",
    )
