"""What needs the caller today, on the organization's home page: a list of sections, each built by
one small function from a domain's own selector, each item linking to the page where it is acted
on. A later domain adds its sections by adding its pair to SECTIONS (home sits above every
domain, so it imports them). Most sections are branches of one UNION (home/need_rows.py), each cut
to its first rows; time waiting and the budgets read their own. So the page's query count does not
grow with the data nor with the sections.

Roles: owners and managers see what they act on (a manager's own time is left out: nobody
reviews their own work); viewers see the same items to read, worded as such; the recent
overrides are the owners' (they are the ones who may override, and the activity log is theirs).
"""

from collections.abc import Callable
from datetime import date, datetime, timedelta

from django.db.models import F, QuerySet, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from outsourcer.accounts.access import OrgContext
from outsourcer.audit.actions import action_label, override_actions
from outsourcer.audit.selectors import event_list_of_actions_since
from outsourcer.budgets.selectors import budget_list_for_organization
from outsourcer.contracts import events as contract_events
from outsourcer.contracts.page_selectors import contract_list_ending_for_organization, time_waiting_by_contractor
from outsourcer.home.need_items import NeedItem, NeedSection, day_text, org_url, waited_text
from outsourcer.home.need_rows import NeedRow, need_branch, need_rows
from outsourcer.home.needs_oversight import feedback_owed, feedback_owed_rows, reviews_waiting, reviews_waiting_rows
from outsourcer.home.needs_work import (
    checkins_missing,
    checkins_missing_rows,
    messages_unanswered,
    messages_unanswered_rows,
    questions_asked,
    questions_asked_rows,
    tasks_overdue,
    tasks_overdue_rows,
)
from outsourcer.lib.durations import duration_text
from outsourcer.lib.money import format_money
from outsourcer.lib.timezones import date_in
from outsourcer.work import events as work_events
from outsourcer.work.selectors_checkins import tasks_at_risk_for_organization

ENDING_WITHIN_DAYS = 14
OVERRIDES_WITHIN_DAYS = 7
ITEMS_PER_SECTION = 10


def time_waiting(ctx: OrgContext, today: date) -> NeedSection | None:
    """Submitted time per contractor, the longest waiting first."""
    may_review = ctx.may("time.review")
    rows = time_waiting_by_contractor(
        organization=ctx.organization, not_user_id=ctx.user.pk if may_review else None, limit=ITEMS_PER_SECTION
    )
    if not rows:
        return None
    items = []
    for row in rows[:ITEMS_PER_SECTION]:
        count, since = row["entries"], date_in(row["waiting_since"], ctx.organization.time_zone)
        entries = f"{count} entr{'y' if count == 1 else 'ies'}"
        waited = waited_text(since, today)
        items.append(
            NeedItem(
                label=f"{'Review' if may_review else 'See'} {row['contractor__name']}'s time",
                url=org_url("contracts:time-review", ctx, query=f"contractor={row['contractor_id']}"),
                detail=f"{entries}, {duration_text(row['minutes'])}, waiting {waited}",
            )
        )
    return NeedSection(
        key="time",
        title="Time waiting for review",
        items=items,
        more_url=org_url("contracts:time-review", ctx) if len(rows) > ITEMS_PER_SECTION else "",
        more_label="All time waiting for review",
    )


def budgets_at_risk(ctx: OrgContext, today: date, budgets: list | None = None) -> NeedSection | None:
    """Budgets whose projection (the one status rule: spent + committed + expected hourly) has
    passed their first alert threshold, or the whole amount; over budget first. `budgets`: the
    organization's budget list when the caller read it already (the home's spend chart)."""
    if budgets is None:
        budgets = budget_list_for_organization(organization=ctx.organization, today=today)
    at_risk = sorted(
        (b for b in budgets if b.figures.status != "ok"),
        key=lambda b: (b.figures.status != "over", -b.figures.percent_projected, b.name),
    )
    if not at_risk:
        return None
    items = []
    for budget in at_risk[:ITEMS_PER_SECTION]:
        f = budget.figures
        amount = format_money(f.budgeted_cents, f.currency)
        if f.status == "over":
            detail = f"over budget: {format_money(-f.remaining_cents, f.currency)} more than its {amount} this period"
        else:
            passed = max((t for t in budget.thresholds if t * f.budgeted_cents <= f.projected_cents * 100), default=0)
            detail = (
                f"{f.percent_projected} % of {amount} spent or expected, past its {passed} % alert; "
                f"{format_money(f.remaining_cents, f.currency)} left"
            )
        url = org_url("budgets:detail", ctx, budget.pk)
        items.append(NeedItem(label=budget.name, url=url, detail=detail, tone=f.status))
    return NeedSection(
        key="budgets",
        title="Budgets past an alert",
        items=items,
        more_url=org_url("budgets:list", ctx) if len(at_risk) > ITEMS_PER_SECTION else "",
        more_label="All budgets",
    )


def contracts_ending_rows(ctx: OrgContext, today: date, now: datetime) -> QuerySet:
    until = today + timedelta(days=ENDING_WITHIN_DAYS)
    rows = contract_list_ending_for_organization(organization=ctx.organization, until=until)
    return need_branch(
        "contracts",
        rows,
        limit=ITEMS_PER_SECTION + 1,
        item_id="id",
        title="title",
        name="contractor__name",
        on="ends_on",
    )


def contracts_ending(ctx: OrgContext, today: date, rows: list[NeedRow]) -> NeedSection | None:
    """Active contracts ending within ENDING_WITHIN_DAYS, and those past their end date but open."""
    if not rows:
        return None
    items = []
    for contract in rows[:ITEMS_PER_SECTION]:
        days = (contract.on - today).days
        if days < 0:
            when, tone = f"ended on {day_text(contract.on)} and is still active: complete or end it", "over"
        else:
            left = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
            when, tone = f"ends {left}, on {day_text(contract.on)}", "warn" if days <= 3 else ""
        items.append(
            NeedItem(
                label=f"{contract.title} · {contract.name}",
                url=org_url("contracts:detail", ctx, contract.item_id),
                detail=when,
                tone=tone,
            )
        )
    return NeedSection(
        key="contracts",
        title="Contracts ending",
        note=f"Active contracts that end in the next {ENDING_WITHIN_DAYS} days, or have passed their end date.",
        items=items,
        more_url=org_url("contracts:list", ctx, query="status=active") if len(rows) > ITEMS_PER_SECTION else "",
        more_label="All active contracts",
    )


def recent_overrides_rows(ctx: OrgContext, today: date, now: datetime) -> QuerySet | None:
    if not ctx.may("activity.view"):
        return None
    rows = event_list_of_actions_since(
        organization=ctx.organization, actions=override_actions(), since=now - timedelta(days=OVERRIDES_WITHIN_DAYS)
    )
    return need_branch(
        "overrides",
        rows,
        limit=ITEMS_PER_SECTION + 1,
        item_id="id",
        title="object_repr",
        part="object_id",
        # The actor's name, else their e-mail (User.display_name), else nobody: the system.
        name=Coalesce(NullIf(F("actor__name"), Value("")), F("actor__email"), output_field=TextField()),
        at="created_at",
        text="reason",
        word="action",
        extra="object_type",
    )


def recent_overrides(ctx: OrgContext, today: date, rows: list[NeedRow]) -> NeedSection | None:
    """Guards overridden in the last OVERRIDES_WITHIN_DAYS, newest first (owners only)."""
    if not rows:
        return None
    items = []
    for event in rows[:ITEMS_PER_SECTION]:
        who = event.name or "System"
        when = date_in(event.at, ctx.organization.time_zone)
        if event.word == contract_events.CONTRACT_ACTIVATED_OVER_BUDGET.name:
            url = org_url("contracts:detail", ctx, event.part)
        elif event.word == work_events.TASK_SENT_WITH_OVERRIDE.name:
            url = org_url("tasks:detail", ctx, event.part)
        else:
            object_key = f"{event.extra}:{event.part}" if event.extra else ""  # audit.Event.object_key
            url = org_url("audit:activity", ctx, query=f"object={object_key}")
        items.append(
            NeedItem(
                label=f"{event.title or 'An override'}",
                url=url,
                detail=f"{who} {action_label(event.word)} on {day_text(when)}: “{event.text}”",
            )
        )
    return NeedSection(
        key="overrides",
        title="Recent overrides",
        note=f"Guards passed with a reason in the last {OVERRIDES_WITHIN_DAYS} days.",
        items=items,
        more_url=org_url("audit:activity", ctx, query="with_reason=on"),
        more_label="All overrides in the activity log",
    )


CHECKIN_WORDS = {"at_risk": "at risk", "blocked": "blocked"}


def checkins_at_risk_rows(ctx: OrgContext, today: date, now: datetime) -> QuerySet:
    rows = tasks_at_risk_for_organization(organization=ctx.organization)
    return need_branch(
        "checkins",
        rows,
        limit=ITEMS_PER_SECTION + 1,
        item_id="id",
        task_id="id",
        title="title",
        name="contractor__name",
        at="checkin_at",
        text="checkin_note",
        number="checkin_percent",
        word="checkin_status",
    )


def checkins_at_risk(ctx: OrgContext, today: date, rows: list[NeedRow]) -> NeedSection | None:
    """Open tasks whose contractor's latest check-in says at risk or blocked, newest first."""
    if not rows:
        return None
    items = []
    for task in rows[:ITEMS_PER_SECTION]:
        when = date_in(task.at, ctx.organization.time_zone)
        detail = f"{CHECKIN_WORDS.get(task.word, task.word)}, {task.number} % done"
        detail += f" (checked in {'today' if when >= today else 'on ' + day_text(when)})"
        if task.text:
            detail += f": “{task.text[:140]}”"
        items.append(
            NeedItem(
                label=f"{task.title} · {task.name}",
                url=org_url("tasks:detail", ctx, task.task_id),
                detail=detail,
                tone="over" if task.word == "blocked" else "warn",
            )
        )
    return NeedSection(
        key="checkins",
        title="Check-ins: at risk or blocked",
        note="Tasks whose contractor's latest check-in says at risk or blocked.",
        items=items,
        more_url=org_url("tasks:list", ctx) if len(rows) > ITEMS_PER_SECTION else "",
        more_label="All open tasks",
    )


# The home page shows these in this order, each from its rows (a branch of one UNION: its
# `*_rows` function, None when not for this role) or from its own read; each returns None when it
# has nothing to show.
RowsFunction = Callable[[OrgContext, date, datetime], QuerySet | None]
SECTIONS: dict[str, tuple[RowsFunction | None, Callable[..., NeedSection | None]]] = {
    "reviews": (reviews_waiting_rows, reviews_waiting),
    "questions": (questions_asked_rows, questions_asked),
    "messages": (messages_unanswered_rows, messages_unanswered),
    "feedback": (feedback_owed_rows, feedback_owed),
    "time": (None, time_waiting),
    "missing_checkins": (checkins_missing_rows, checkins_missing),
    "checkins": (checkins_at_risk_rows, checkins_at_risk),
    "overdue": (tasks_overdue_rows, tasks_overdue),
    "budgets": (None, budgets_at_risk),
    "contracts": (contracts_ending_rows, contracts_ending),
    "overrides": (recent_overrides_rows, recent_overrides),
}


def needs_for_today(ctx: OrgContext, *, today: date, budgets: list | None = None) -> list[NeedSection]:
    """The sections with something in them, for the caller's role in the organization, from one
    query for the listed sections (home/need_rows.py), one for time waiting and the budgets'.
    `budgets`: budget_list_for_organization's answer when the caller has it (read once per page)."""
    now = timezone.now()
    branches = [rows_of(ctx, today, now) for rows_of, _ in SECTIONS.values() if rows_of is not None]
    found = need_rows([branch for branch in branches if branch is not None])
    sections = []
    for key, (rows_of, build) in SECTIONS.items():
        if rows_of is not None:
            section = build(ctx, today, found.get(key, []))
        elif build is budgets_at_risk:
            section = budgets_at_risk(ctx, today, budgets)
        else:
            section = build(ctx, today)
        if section is not None:
            sections.append(section)
    return sections
