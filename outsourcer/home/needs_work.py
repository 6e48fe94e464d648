"""The home's work sections: contractors' messages with no reply, questions asked on tasks,
check-ins that did not come, and open tasks past their deadline. Each item links to the task,
where it is answered or chased."""

from datetime import date

from django.utils import timezone

from outsourcer.accounts.access import OrgContext
from outsourcer.home.need_items import NeedItem, NeedSection, day_text, org_url, waited_text
from outsourcer.lib.timezones import date_in
from outsourcer.work.selectors_checkins import checkins_missing_for_organization
from outsourcer.work.selectors_needs import (
    messages_unanswered_for_organization,
    tasks_overdue_for_organization,
    tasks_with_question_for_organization,
)

ITEMS = 10


def _more(ctx: OrgContext, rows: list, query: str = "") -> str:
    return org_url("tasks:list", ctx, query=query) if len(rows) > ITEMS else ""


def _excerpt(text: str, size: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


def messages_unanswered(ctx: OrgContext, today: date) -> NeedSection | None:
    """Threads whose latest message is the contractor's, the longest-waiting first."""
    rows = messages_unanswered_for_organization(organization=ctx.organization, limit=ITEMS + 1)
    if not rows:
        return None
    items = []
    for message in rows[:ITEMS]:
        since = date_in(message.created_at, ctx.organization.time_zone)
        body = f": “{_excerpt(message.body)}”" if message.body else " (an attachment)"
        verb = "Reply to" if ctx.may("task.manage") else "See"
        items.append(
            NeedItem(
                label=f"{verb} {message.contractor.name} on {message.task.title}",
                url=org_url("tasks:detail", ctx, message.task_id) + f"#message-{message.pk}",
                detail=f"waiting {waited_text(since, today)}{body}",
            )
        )
    return NeedSection(
        key="messages", title="Messages without a reply", items=items, more_url=_more(ctx, rows), more_label="All tasks"
    )


def questions_asked(ctx: OrgContext, today: date) -> NeedSection | None:
    """Tasks the contractor asked about before accepting, the oldest first."""
    rows = tasks_with_question_for_organization(organization=ctx.organization, limit=ITEMS + 1)
    if not rows:
        return None
    items = [
        NeedItem(
            label=f"{'Answer' if ctx.may('task.manage') else 'See'} {task.contractor.name} on {task.title}",
            url=org_url("tasks:detail", ctx, task.pk) + "#question-head",
            detail=f"“{_excerpt(task.question)}”",
            tone="warn",
        )
        for task in rows[:ITEMS]
    ]
    return NeedSection(
        key="questions",
        title="Questions to answer",
        note="The contractor asked before accepting: the task waits for your answer.",
        items=items,
        more_url=_more(ctx, rows, "status=question"),
        more_label="All tasks with a question",
    )


def checkins_missing(ctx: OrgContext, today: date) -> NeedSection | None:
    """Tasks in progress whose due check-in did not come, the longest missing first."""
    rows = list(checkins_missing_for_organization(organization=ctx.organization, limit=ITEMS + 1))
    if not rows:
        return None
    items = []
    for cadence in rows[:ITEMS]:
        due = date_in(cadence.missed_at or cadence.next_due_at, ctx.organization.time_zone)
        items.append(
            NeedItem(
                label=f"{cadence.task.title} · {cadence.task.contractor.name}",
                url=org_url("tasks:detail", ctx, cadence.task_id),
                detail=f"check-in due {'today' if due >= today else 'on ' + day_text(due)} has not come",
                tone="warn",
            )
        )
    return NeedSection(
        key="missing_checkins",
        title="Check-ins missing",
        note="Tasks in progress whose contractor has not checked in when their cadence said.",
        items=items,
        more_url=_more(ctx, rows),
        more_label="All open tasks",
    )


def tasks_overdue(ctx: OrgContext, today: date) -> NeedSection | None:
    """Open tasks past their deadline, the longest overdue first."""
    rows = tasks_overdue_for_organization(organization=ctx.organization, now=timezone.now(), limit=ITEMS + 1)
    if not rows:
        return None
    items = []
    for task in rows[:ITEMS]:
        due = date_in(task.deadline_at, ctx.organization.time_zone)
        late = "today" if due >= today else f"{(today - due).days} d ago, on {day_text(due)}"
        items.append(
            NeedItem(
                label=f"{task.title} · {task.contractor.name}",
                url=org_url("tasks:detail", ctx, task.pk),
                detail=f"{task.get_status_display().lower()}, deadline passed {late}",
                tone="over",
            )
        )
    return NeedSection(
        key="overdue",
        title="Overdue tasks",
        items=items,
        more_url=_more(ctx, rows),
        more_label="All open tasks",
    )
