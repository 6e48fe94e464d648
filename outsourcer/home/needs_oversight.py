"""The home's oversight sections: hand-overs waiting for review (with how long) and accepted work
owed feedback. Each item links to the deliverable's page when it exists, else to its task."""

from datetime import date

from outsourcer.accounts.access import OrgContext
from outsourcer.home.need_items import NeedItem, NeedSection, org_url_first, waited_text
from outsourcer.lib.timezones import date_in
from outsourcer.oversight.selectors.needs import feedback_owed_for_organization, reviews_waiting_for_organization

ITEMS = 10


def _what(deliverable) -> str:
    what = deliverable.task.title
    if deliverable.milestone_id:
        what += f" ({deliverable.milestone.title})"
    return f"{what} · {deliverable.contractor.name}"


def _page(ctx: OrgContext, deliverable, *first: str) -> str:
    pages = [(name, deliverable.pk) for name in first]
    return org_url_first(ctx, *pages, ("oversight:deliverable", deliverable.pk), ("tasks:detail", deliverable.task_id))


def reviews_waiting(ctx: OrgContext, today: date) -> NeedSection | None:
    """Hand-overs waiting for a decision, the oldest first, with how long they have waited."""
    may_review = ctx.may("deliverable.review")
    rows = reviews_waiting_for_organization(
        organization=ctx.organization, not_user_id=ctx.user.pk if may_review else None, limit=ITEMS + 1
    )
    if not rows:
        return None
    items = []
    for deliverable in rows[:ITEMS]:
        since = date_in(deliverable.submitted_at, ctx.organization.time_zone)
        days = (today - since).days
        items.append(
            NeedItem(
                label=f"{'Review' if may_review else 'See'} {_what(deliverable)}",
                url=_page(ctx, deliverable),
                detail=f"version {deliverable.version}, waiting {waited_text(since, today)}",
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


def feedback_owed(ctx: OrgContext, today: date) -> NeedSection | None:
    """Accepted work without feedback yet, the longest-waiting first."""
    may_give = ctx.may("feedback.give")
    rows = feedback_owed_for_organization(
        organization=ctx.organization, not_user_id=ctx.user.pk if may_give else None, limit=ITEMS + 1
    )
    if not rows:
        return None
    items = []
    for deliverable in rows[:ITEMS]:
        since = date_in(deliverable.accepted_at, ctx.organization.time_zone)
        items.append(
            NeedItem(
                label=f"{'Give feedback on' if may_give else 'See'} {_what(deliverable)}",
                url=_page(ctx, deliverable, "feedback:give"),
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
