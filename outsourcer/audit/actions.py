"""How audit actions read on the activity page.

Each domain declares its actions, label included, in its own `events.py` (see audit.events.Action);
they are collected here the first time a label is asked for. An action nobody declares still
shows, as its words ("budget threshold crossed").
"""

from functools import cache

from django.utils.module_loading import autodiscover_modules

from outsourcer.audit.events import ACTIONS

OBJECT_LABELS: dict[str, str] = {
    "accounts.organization": "Organization",
    "accounts.membership": "Membership",
    "accounts.invitation": "Invitation",
    "accounts.apitoken": "API token",
    "contractors.contractor": "Contractor",
    "contractors.engagement": "Engagement",
    "budgets.budget": "Budget",
    "budgets.spendentry": "Ledger entry",
    "budgets.budgetalert": "Budget alert",
    "contracts.contract": "Contract",
    "contracts.milestone": "Milestone",
    "contracts.timeentry": "Time entry",
}


@cache
def action_labels() -> dict[str, str]:
    # Import every installed app's events module so each domain's declarations are registered.
    autodiscover_modules("events")
    return {name: declared.label for name, declared in ACTIONS.items()}


def action_label(action: str) -> str:
    return action_labels().get(action) or action.replace("_", " ")


def object_label(object_type: str) -> str:
    if object_type in OBJECT_LABELS:
        return OBJECT_LABELS[object_type]
    return object_type.rpartition(".")[2].replace("_", " ").capitalize()
