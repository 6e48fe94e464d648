"""What needs the caller today, on the organization's home page: a list of sections, each built by
one small function from a domain's own selector, each item linking to the page where it is acted
on. A later domain adds its sections by appending a function to SECTIONS (home sits above every
domain, so it imports them). Every section runs one query whatever the number of rows, so the
page's query count does not grow with the data.

Roles: owners and managers see what they act on (a manager's own time is left out: nobody
reviews their own work); viewers see the same items to read, worded as such; the recent
overrides are the owners' (they are the ones who may override, and the activity log is theirs).
"""

from collections.abc import Callable
from datetime import date, timedelta

from django.utils import timezone

from outsourcer.accounts.access import OrgContext
from outsourcer.audit.actions import action_label, override_actions
from outsourcer.audit.selectors import event_list_of_actions_since
from outsourcer.budgets.selectors import budget_list_for_organization
from outsourcer.contracts import events as contract_events
from outsourcer.contracts.page_selectors import contract_list_ending_for_organization, time_waiting_by_contractor
from outsourcer.home.need_items import NeedItem, NeedSection, day_text, org_url, waited_text
from outsourcer.home.needs_oversight import feedback_owed, reviews_waiting
from outsourcer.home.needs_work import checkins_missing, messages_unanswered, questions_asked, tasks_overdue
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


def contracts_ending(ctx: OrgContext, today: date) -> NeedSection | None:
    """Active contracts ending within ENDING_WITHIN_DAYS, and those past their end date but open."""
    contracts = contract_list_ending_for_organization(
        organization=ctx.organization, until=today + timedelta(days=ENDING_WITHIN_DAYS), limit=ITEMS_PER_SECTION
    )
    if not contracts:
        return None
    items = []
    for contract in contracts[:ITEMS_PER_SECTION]:
        days = (contract.ends_on - today).days
        if days < 0:
            when, tone = f"ended on {day_text(contract.ends_on)} and is still active: complete or end it", "over"
        else:
            left = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
            when, tone = f"ends {left}, on {day_text(contract.ends_on)}", "warn" if days <= 3 else ""
        items.append(
            NeedItem(
                label=f"{contract.title} · {contract.contractor.name}",
                url=org_url("contracts:detail", ctx, contract.pk),
                detail=when,
                tone=tone,
            )
        )
    return NeedSection(
        key="contracts",
        title="Contracts ending",
        note=f"Active contracts that end in the next {ENDING_WITHIN_DAYS} days, or have passed their end date.",
        items=items,
        more_url=org_url("contracts:list", ctx, query="status=active") if len(contracts) > ITEMS_PER_SECTION else "",
        more_label="All active contracts",
    )


def recent_overrides(ctx: OrgContext, today: date) -> NeedSection | None:
    """Guards overridden in the last OVERRIDES_WITHIN_DAYS, newest first (owners only)."""
    if not ctx.may("activity.view"):
        return None
    since = timezone.now() - timedelta(days=OVERRIDES_WITHIN_DAYS)
    events = event_list_of_actions_since(
        organization=ctx.organization,
        actions=override_actions(),
        since=since,
        limit=ITEMS_PER_SECTION,
    )
    if not events:
        return None
    items = []
    for event in events[:ITEMS_PER_SECTION]:
        who = event.actor.display_name if event.actor else "System"
        when = date_in(event.created_at, ctx.organization.time_zone)
        if event.action == contract_events.CONTRACT_ACTIVATED_OVER_BUDGET.name:
            url = org_url("contracts:detail", ctx, event.object_id)
        elif event.action == work_events.TASK_SENT_WITH_OVERRIDE.name:
            url = org_url("tasks:detail", ctx, event.object_id)
        else:
            url = org_url("audit:activity", ctx, query=f"object={event.object_key}")
        items.append(
            NeedItem(
                label=f"{event.object_repr or 'An override'}",
                url=url,
                detail=f"{who} {action_label(event.action)} on {day_text(when)}: “{event.reason}”",
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


def checkins_at_risk(ctx: OrgContext, today: date) -> NeedSection | None:
    """Open tasks whose contractor's latest check-in says at risk or blocked, newest first."""
    tasks = list(tasks_at_risk_for_organization(organization=ctx.organization, limit=ITEMS_PER_SECTION + 1))
    if not tasks:
        return None
    items = []
    for task in tasks[:ITEMS_PER_SECTION]:
        when = date_in(task.checkin_at, ctx.organization.time_zone)
        detail = f"{CHECKIN_WORDS.get(task.checkin_status, task.checkin_status)}, {task.checkin_percent} % done"
        detail += f" (checked in {'today' if when >= today else 'on ' + day_text(when)})"
        if task.checkin_note:
            detail += f": “{task.checkin_note[:140]}”"
        items.append(
            NeedItem(
                label=f"{task.title} · {task.contractor.name}",
                url=org_url("tasks:detail", ctx, task.pk),
                detail=detail,
                tone="over" if task.checkin_status == "blocked" else "warn",
            )
        )
    return NeedSection(
        key="checkins",
        title="Check-ins: at risk or blocked",
        note="Tasks whose contractor's latest check-in says at risk or blocked.",
        items=items,
        more_url=org_url("tasks:list", ctx) if len(tasks) > ITEMS_PER_SECTION else "",
        more_label="All open tasks",
    )


# The home page shows these in this order; each returns None when it has nothing to show.
SECTIONS: list[Callable[[OrgContext, date], NeedSection | None]] = [
    reviews_waiting,
    questions_asked,
    messages_unanswered,
    feedback_owed,
    time_waiting,
    checkins_missing,
    checkins_at_risk,
    tasks_overdue,
    budgets_at_risk,
    contracts_ending,
    recent_overrides,
]


def needs_for_today(ctx: OrgContext, *, today: date, budgets: list | None = None) -> list[NeedSection]:
    """The sections with something in them, for the caller's role in the organization. `budgets`:
    budget_list_for_organization's answer when the caller has it (read once per page)."""
    sections = []
    for build in SECTIONS:
        section = build(ctx, today, budgets) if build is budgets_at_risk else build(ctx, today)
        if section is not None:
            sections.append(section)
    return sections
