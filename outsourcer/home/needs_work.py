"""The home's work sections: contractors' messages with no reply, questions asked on tasks,
check-ins that did not come, and open tasks past their deadline. Each item links to the task,
where it is answered or chased."""

from datetime import date, datetime

from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce

from outsourcer.accounts.access import OrgContext
from outsourcer.home.need_items import NeedItem, NeedSection, day_text, org_url, waited_text
from outsourcer.home.need_rows import NeedRow, need_branch
from outsourcer.lib.text import one_line_excerpt
from outsourcer.lib.timezones import date_in
from outsourcer.work.models import TaskStatus
from outsourcer.work.selectors_checkins import checkins_missing_for_organization
from outsourcer.work.selectors_needs import (
    messages_unanswered_for_organization,
    tasks_overdue_for_organization,
    tasks_with_question_for_organization,
)

ITEMS = 10
# What a task row carries: its title and contractor.
TASK_COLUMNS = {"item_id": "id", "task_id": "id", "title": "title", "name": "contractor__name"}


def _more(ctx: OrgContext, rows: list, query: str = "") -> str:
    return org_url("tasks:list", ctx, query=query) if len(rows) > ITEMS else ""


EXCERPT_LENGTH = 140


def messages_unanswered_rows(ctx: OrgContext, today: date, now: datetime) -> QuerySet:
    rows = messages_unanswered_for_organization(organization=ctx.organization)
    return need_branch(
        "messages",
        rows,
        limit=ITEMS + 1,
        item_id="id",
        task_id="task_id",
        title="task__title",
        name="contractor__name",
        at="created_at",
        text="body",
    )


def messages_unanswered(ctx: OrgContext, today: date, rows: list[NeedRow]) -> NeedSection | None:
    """Threads whose latest message is the contractor's, the longest-waiting first."""
    if not rows:
        return None
    items = []
    for message in rows[:ITEMS]:
        since = date_in(message.at, ctx.organization.time_zone)
        body = f": “{one_line_excerpt(message.text, EXCERPT_LENGTH)}”" if message.text else " (an attachment)"
        verb = "Reply to" if ctx.may("task.manage") else "See"
        items.append(
            NeedItem(
                label=f"{verb} {message.name} on {message.title}",
                url=org_url("tasks:detail", ctx, message.task_id) + f"#message-{message.item_id}",
                detail=f"waiting {waited_text(since, today)}{body}",
            )
        )
    return NeedSection(
        key="messages", title="Messages without a reply", items=items, more_url=_more(ctx, rows), more_label="All tasks"
    )


def questions_asked_rows(ctx: OrgContext, today: date, now: datetime) -> QuerySet:
    rows = tasks_with_question_for_organization(organization=ctx.organization)
    return need_branch("questions", rows, limit=ITEMS + 1, **TASK_COLUMNS, text="question")


def questions_asked(ctx: OrgContext, today: date, rows: list[NeedRow]) -> NeedSection | None:
    """Tasks the contractor asked about before accepting, the oldest first."""
    if not rows:
        return None
    items = [
        NeedItem(
            label=f"{'Answer' if ctx.may('task.manage') else 'See'} {task.name} on {task.title}",
            url=org_url("tasks:detail", ctx, task.task_id) + "#question-head",
            detail=f"“{one_line_excerpt(task.text, EXCERPT_LENGTH)}”",
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


def checkins_missing_rows(ctx: OrgContext, today: date, now: datetime) -> QuerySet:
    rows = checkins_missing_for_organization(organization=ctx.organization, now=now)
    return need_branch(
        "missing_checkins",
        rows,
        limit=ITEMS + 1,
        item_id="id",
        task_id="task_id",
        title="task__title",
        name="task__contractor__name",
        at=Coalesce(F("missed_at"), F("next_due_at")),
    )


def checkins_missing(ctx: OrgContext, today: date, rows: list[NeedRow]) -> NeedSection | None:
    """Tasks in progress whose due check-in did not come, the longest missing first."""
    if not rows:
        return None
    items = []
    for cadence in rows[:ITEMS]:
        due = date_in(cadence.at, ctx.organization.time_zone)
        items.append(
            NeedItem(
                label=f"{cadence.title} · {cadence.name}",
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


def tasks_overdue_rows(ctx: OrgContext, today: date, now: datetime) -> QuerySet:
    rows = tasks_overdue_for_organization(organization=ctx.organization, now=now)
    return need_branch("overdue", rows, limit=ITEMS + 1, **TASK_COLUMNS, at="deadline_at", word="status")


def tasks_overdue(ctx: OrgContext, today: date, rows: list[NeedRow]) -> NeedSection | None:
    """Open tasks past their deadline, the longest overdue first."""
    if not rows:
        return None
    items = []
    for task in rows[:ITEMS]:
        due = date_in(task.at, ctx.organization.time_zone)
        late = "today" if due >= today else f"{(today - due).days} d ago, on {day_text(due)}"
        items.append(
            NeedItem(
                label=f"{task.title} · {task.name}",
                url=org_url("tasks:detail", ctx, task.task_id),
                detail=f"{str(TaskStatus(task.word).label).lower()}, deadline passed {late}",
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
