"""Audit actions of the budgets domain: budgets, the spend ledger and budget alerts, and how each
reads on the activity page (audit.actions)."""

from outsourcer.audit.actions import Entry, field_wording, joined, value_text
from outsourcer.audit.events import action

PER_PERIOD = {"one_off": "once", "monthly": "a month", "quarterly": "a quarter", "yearly": "a year"}


def _percentages(value, currency: str) -> str:
    return joined(f"{threshold} %" for threshold in value)


field_wording("amount_cents", "amount")
field_wording("starts_on", "start date")
field_wording("ends_on", "end date")
field_wording("thresholds", "alerts", _percentages)
field_wording("period", "period", lambda value, currency: {"one_off": "one-off"}.get(value, value))


def _budget_created(entry: Entry) -> str:
    entry.require("amount_cents", "starts_on")
    per = PER_PERIOD[entry["period"]]
    text = f"created the budget {entry.quoted}: {entry.money('amount_cents')} {per} from {entry.text('starts_on')}"
    if entry.get("ends_on"):
        text += f" to {entry.text('ends_on')}"
    if entry.get("thresholds"):
        text += f", alerts at {entry.text('thresholds')}"
    return text


def _alert_sent(entry: Entry) -> str:
    return (
        f"sent an alert: the budget {entry.quoted} has spent {entry.money('spent_cents')} in the period from "
        f"{entry.text('period_start')}, past {entry.text('thresholds')}"
    )


def _in_budget(entry: Entry) -> str:
    return f" in the budget “{entry.get('budget')}”" if entry.get("budget") else ""


BUDGET_CREATED = action("budget_created", "created a budget", describe=_budget_created)
BUDGET_UPDATED = action(
    "budget_updated", "changed a budget", describe=lambda e: f"changed the budget {e.quoted}: {e.changes()}"
)
BUDGET_ALERT_SENT = action("budget_alert_sent", "sent a budget alert", describe=_alert_sent)
EXPENSE_RECORDED = action(
    "expense_recorded",
    "recorded an expense",
    describe=lambda e: f"recorded an expense of {e.money('amount_cents')}{_in_budget(e)} on {e.text('occurred_on')}",
)
SPEND_REVERSED = action(
    "spend_reversed",
    "reversed a ledger entry",
    describe=lambda e: (
        f"reversed a ledger entry of {value_text('amount_cents', e.before.get('amount_cents'), e.currency)}"
        f"{_in_budget(e)}"
    ),
)
