"""Where each Health Check fact and action links: the list page filtered, or the activity log
filtered to the actions behind the number. A key whose page is not installed links nowhere."""

from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse

from outsourcer.oversight.health import (
    BRIEF_OVERRIDE_ACTIONS,
    BUDGET_OVERRIDE_ACTIONS,
    DUPLICATE_ACTIONS,
    MESSAGE_ACTIONS,
    UNVETTED_ACTIONS,
    HealthReport,
)

# key → (URL name, query); "activity:…" keys list the actions in the activity log over the window.
LINKS = {
    "budgets:list": ("budgets:list", {}),
    "budgets:create": ("budgets:create", {}),
    "contractors:active": ("contractors:list", {"status": "active"}),
    "tasks:all": ("tasks:list", {"status": "all"}),
    "tasks:question": ("tasks:list", {"status": "question"}),
    "tasks:in_progress": ("tasks:list", {"status": "in_progress"}),
    "oversight:reviews": ("oversight:reviews", {}),
    "feedback:owed": ("feedback:owed", {}),
    "utilization": ("utilization:page", {}),
    "consolidation": ("utilization:consolidation", {}),
}
ACTIVITY = {
    "activity:budget_overrides": BUDGET_OVERRIDE_ACTIONS,
    "activity:unvetted": UNVETTED_ACTIONS,
    "activity:duplicates": DUPLICATE_ACTIONS,
    "activity:brief_overrides": BRIEF_OVERRIDE_ACTIONS,
    "activity:messages": MESSAGE_ACTIONS,
}


def health_link(key: str, *, org_slug: str, since: str, activity: bool = True) -> str:
    """The URL of a link key in the organization, or "" (no key, its page is not installed, or the
    activity log for a caller who may not read it: `activity` False). `since` (ISO date) starts the
    activity log's window."""
    if key in ACTIVITY:
        if not activity:
            return ""
        actions = ACTIVITY[key]
        query = {"action": actions[0], "since": since} if len(actions) == 1 else {"overrides": "on", "since": since}
        name = "audit:activity"
    elif key in LINKS:
        name, query = LINKS[key]
    else:
        return ""
    try:
        url = reverse(name, kwargs={"org_slug": org_slug})
    except NoReverseMatch:
        return ""
    return f"{url}?{urlencode(query)}" if query else url


def health_links(report: HealthReport, *, org_slug: str, since: str, activity: bool) -> dict[str, str]:
    """Every link key the report uses, resolved once."""
    keys = {item.link for score in report.scores for item in (*score.facts, *score.actions) if item.link}
    return {key: health_link(key, org_slug=org_slug, since=since, activity=activity) for key in keys}
