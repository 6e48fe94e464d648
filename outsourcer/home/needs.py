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
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from outsourcer.accounts.access import OrgContext
from outsourcer.audit.selectors import event_list_of_actions_since
from outsourcer.budgets.selectors import budget_list_for_organization
from outsourcer.contracts import events as contract_events
from outsourcer.contracts.page_selectors import contract_list_ending_for_organization, time_waiting_by_contractor
from outsourcer.lib.durations import duration_text
from outsourcer.lib.money import format_money
from outsourcer.lib.timezones import date_in
from outsourcer.work.selectors_checkins import tasks_at_risk_for_organization

ENDING_WITHIN_DAYS = 14
OVERRIDES_WITHIN_DAYS = 7
ITEMS_PER_SECTION = 10
# The guards' overrides (PRODUCT.md: "Overrides"); later guards add their actions here.
OVERRIDE_ACTIONS = (contract_events.CONTRACT_ACTIVATED_OVER_BUDGET, contract_events.TIME_ENTRY_APPROVED_WITH_OVERRIDE)


@dataclass(frozen=True)
class NeedItem:
    """One thing to do: `label` is the link text, `detail` says why it is here."""

    label: str
    url: str
    detail: str = ""
    tone: str = ""  # "warn" | "over" | "": how the page marks it


@dataclass(frozen=True)
class NeedSection:
    key: str
    title: str
    items: list[NeedItem]
    more_url: str = ""
    more_label: str = ""
    note: str = field(default="")  # what the section covers, e.g. its window of days


def _day(value: date) -> str:
    return f"{value:%a} {value.day} {value:%b}"


def _url(name: str, ctx: OrgContext, *args, query: str = "") -> str:
    url = reverse(name, args=[ctx.organization.slug, *args])
    return f"{url}?{query}" if query else url


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
        waited = "since today" if since >= today else f"since {_day(since)} ({(today - since).days} d)"
        items.append(
            NeedItem(
                label=f"{'Review' if may_review else 'See'} {row['contractor__name']}'s time",
                url=_url("contracts:time-review", ctx, query=f"contractor={row['contractor_id']}"),
                detail=f"{entries}, {duration_text(row['minutes'])}, waiting {waited}",
            )
        )
    return NeedSection(
        key="time",
        title="Time waiting for review",
        items=items,
        more_url=_url("contracts:time-review", ctx) if len(rows) > ITEMS_PER_SECTION else "",
        more_label="All time waiting for review",
    )


def budgets_at_risk(ctx: OrgContext, today: date) -> NeedSection | None:
    """Budgets whose projection (the one status rule: spent + committed + expected hourly) has
    passed their first alert threshold, or the whole amount; over budget first."""
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
        url = _url("budgets:detail", ctx, budget.pk)
        items.append(NeedItem(label=budget.name, url=url, detail=detail, tone=f.status))
    return NeedSection(
        key="budgets",
        title="Budgets past an alert",
        items=items,
        more_url=_url("budgets:list", ctx) if len(at_risk) > ITEMS_PER_SECTION else "",
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
            when, tone = f"ended on {_day(contract.ends_on)} and is still active: complete or end it", "over"
        else:
            left = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
            when, tone = f"ends {left}, on {_day(contract.ends_on)}", "warn" if days <= 3 else ""
        items.append(
            NeedItem(
                label=f"{contract.title} · {contract.contractor.name}",
                url=_url("contracts:detail", ctx, contract.pk),
                detail=when,
                tone=tone,
            )
        )
    return NeedSection(
        key="contracts",
        title="Contracts ending",
        note=f"Active contracts that end in the next {ENDING_WITHIN_DAYS} days, or have passed their end date.",
        items=items,
        more_url=_url("contracts:list", ctx, query="status=active") if len(contracts) > ITEMS_PER_SECTION else "",
        more_label="All active contracts",
    )


def recent_overrides(ctx: OrgContext, today: date) -> NeedSection | None:
    """Guards overridden in the last OVERRIDES_WITHIN_DAYS, newest first (owners only)."""
    if not ctx.may("activity.view"):
        return None
    since = timezone.now() - timedelta(days=OVERRIDES_WITHIN_DAYS)
    events = event_list_of_actions_since(
        organization=ctx.organization,
        actions=[a.name for a in OVERRIDE_ACTIONS],
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
            url = _url("contracts:detail", ctx, event.object_id)
        else:
            url = _url("audit:activity", ctx, query=f"object={event.object_key}")
        items.append(
            NeedItem(
                label=f"{event.object_repr or 'An override'}",
                url=url,
                detail=f"{who} {event_label(event.action)} on {_day(when)}: “{event.reason}”",
            )
        )
    return NeedSection(
        key="overrides",
        title="Recent overrides",
        note=f"Guards passed with a reason in the last {OVERRIDES_WITHIN_DAYS} days.",
        items=items,
        more_url=_url("audit:activity", ctx, query="with_reason=on"),
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
        detail += f" (checked in {'today' if when >= today else 'on ' + _day(when)})"
        if task.checkin_note:
            detail += f": “{task.checkin_note[:140]}”"
        items.append(
            NeedItem(
                label=f"{task.title} · {task.contractor.name}",
                url=_url("tasks:detail", ctx, task.pk),
                detail=detail,
                tone="over" if task.checkin_status == "blocked" else "warn",
            )
        )
    return NeedSection(
        key="checkins",
        title="Check-ins: at risk or blocked",
        note="Tasks whose contractor's latest check-in says at risk or blocked.",
        items=items,
        more_url=_url("tasks:list", ctx) if len(tasks) > ITEMS_PER_SECTION else "",
        more_label="All open tasks",
    )


def event_label(action: str) -> str:
    return next((a.label for a in OVERRIDE_ACTIONS if a.name == action), action)


# The home page shows these in this order; each returns None when it has nothing to show.
SECTIONS: list[Callable[[OrgContext, date], NeedSection | None]] = [
    time_waiting,
    budgets_at_risk,
    contracts_ending,
    checkins_at_risk,
    recent_overrides,
]


def needs_for_today(ctx: OrgContext, *, today: date) -> list[NeedSection]:
    """The sections with something in them, for the caller's role in the organization."""
    return [section for build in SECTIONS if (section := build(ctx, today)) is not None]
