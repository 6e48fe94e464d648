"""Audit actions of the contracts domain: contracts, milestones and time entries, and how each
reads on the activity page (audit.actions)."""

import re
from datetime import date

from outsourcer.audit.actions import Entry, date_text, field_wording, headed, value_text
from outsourcer.audit.events import action

field_wording("title", "title")
field_wording("rate_model", "rate model", lambda value, currency: {"fixed": "fixed price"}.get(value, value))
field_wording("hourly_rate_cents", "hourly rate")
field_wording("weekly_cap_minutes", "weekly hour cap")
field_wording("monthly_fee_cents", "monthly fee")
field_wording("included_minutes", "included hours")
field_wording("overage_rate_cents", "rate for extra hours")
field_wording("total_cents", "fixed price")
field_wording("exchange_rate_micros", "exchange rate")
field_wording("worked_on", "day worked")
field_wording("minutes", "time")
field_wording("rejection_reason", "reason for rejecting")

RATE_MODELS = {"hourly": "hourly", "retainer": "retainer", "fixed": "fixed-price"}
# Time entries were once stored by name as "360 min on 2025-03-17".
OLD_TIME_ENTRY_NAME = re.compile(r"(\d+) min on (\d{4}-\d{2}-\d{2})")


def _terms(entry: Entry) -> str:
    model = entry.get("rate_model")
    if model == "hourly":
        return f"{entry.money('hourly_rate_cents')} an hour, up to {entry.text('weekly_cap_minutes')} a week"
    if model == "retainer":
        return (
            f"{entry.money('monthly_fee_cents')} a month including {entry.text('included_minutes')}, "
            f"then {entry.money('overage_rate_cents')} an hour"
        )
    if model == "fixed":
        return f"{entry.money('total_cents')} fixed price"
    return ""


def _with(entry: Entry) -> str:
    text = f" with {entry.get('contractor')}" if entry.get("contractor") else ""
    return text + (f" from the budget “{entry.get('budget')}”" if entry.get("budget") else "")


def _contract_created(entry: Entry) -> str:
    model = RATE_MODELS.get(entry.get("rate_model"), "")
    text = f"drafted the {model} contract {entry.quoted}{_with(entry)}".replace("the  ", "the ")
    terms = _terms(entry)
    entry.require("starts_on")
    dates = f"from {entry.text('starts_on')}" + (f" to {entry.text('ends_on')}" if entry.get("ends_on") else "")
    return f"{text}: {terms}, {dates}" if terms else f"{text}, {dates}"


def _committing(entry: Entry) -> str:
    if entry.get("cost_cents") is None:
        return ""
    # `remaining` is what the budget had left for the period before this contract.
    remaining = entry.get("remaining_cents")
    text = f", committing {entry.money('cost_cents')}"
    if not isinstance(remaining, int):
        return text
    if remaining < 0:
        return text + f" with the budget already {value_text('remaining_cents', -remaining, entry.currency)} over"
    if remaining < entry.get("cost_cents"):
        return text + f" with only {entry.money('remaining_cents')} left"
    return text + f" of the {entry.money('remaining_cents')} left"


def _activated(entry: Entry) -> str:
    return f"activated the contract {entry.quoted}{_committing(entry)}"


def _activated_over_budget(entry: Entry) -> str:
    budget = f" “{entry.get('budget')}”" if entry.get("budget") else ""
    return f"overrode the budget{budget} to activate the contract {entry.quoted}{_committing(entry)}"


def _time(entry: Entry, *, by: bool = False) -> str:
    """ "6 h on 17 Mar 2025" (+ " by Carol" + " for “Logo design”" when recorded)."""
    minutes, worked_on = entry.get("minutes"), entry.get("worked_on")
    old = OLD_TIME_ENTRY_NAME.fullmatch(entry.object_repr)
    if old:
        minutes = minutes if minutes is not None else int(old[1])
        worked_on = worked_on or old[2]
    text = value_text("minutes", minutes) if minutes is not None else "time"
    if by and entry.get("contractor"):
        text += f" by {entry.get('contractor')}"
    if worked_on:
        text += f" on {date_text(date.fromisoformat(worked_on))}"
    elif entry.object_repr and not old:
        text += f" ({entry.object_repr})"
    return text + (f" for “{entry.get('contract')}”" if entry.get("contract") else "")


def _amount(entry: Entry) -> str:
    return f" ({entry.money('amount_cents')})" if entry.get("amount_cents") is not None else ""


def _approved_with_override(entry: Entry) -> str:
    overrides = entry.get("overrides") or []
    text = f"overrode the limits to approve {_time(entry, by=True)}{_amount(entry)}"
    return headed(text, " ".join(str(o).rstrip(".") + "." for o in overrides).rstrip("."))


def _retainer_fee(entry: Entry) -> str:
    month = entry.get("month")
    text = "posted the retainer fee"
    if month:
        text += f" for {date.fromisoformat(month):%B %Y}"
    text += _amount(entry)
    return text + (f" for “{entry.get('contract')}”" if entry.get("contract") else "")


CONTRACT_CREATED = action("contract_created", "drafted a contract", describe=_contract_created)
CONTRACT_UPDATED = action(
    "contract_updated",
    "changed a contract",
    describe=lambda e: headed(f"changed the contract {e.quoted}", e.changes(skip={"status"})),
)
CONTRACT_ACTIVATED = action("contract_activated", "activated a contract", describe=_activated)
CONTRACT_ACTIVATED_OVER_BUDGET = action(
    "contract_activated_over_budget",
    "activated a contract over budget",
    override=True,
    describe=_activated_over_budget,
)
CONTRACT_COMPLETED = action(
    "contract_completed", "completed a contract", describe=lambda e: f"completed the contract {e.quoted}"
)
CONTRACT_ENDED = action("contract_ended", "ended a contract", describe=lambda e: f"ended the contract {e.quoted}")
MILESTONE_ACCEPTED = action(
    "milestone_accepted",
    "accepted a milestone",
    describe=lambda e: (
        f"accepted the milestone {e.quoted}"
        + (f" and posted {e.money('amount_cents')} to the budget" if e.get("amount_cents") is not None else "")
    ),
)
TIME_ENTRY_CREATED = action("time_entry_created", "logged time", describe=lambda e: f"logged {_time(e)}")
TIME_ENTRY_UPDATED = action(
    "time_entry_updated",
    "changed logged time",
    describe=lambda e: headed(f"changed the time logged ({_time(Entry(before=e.before))})", e.changes()),
)
TIME_ENTRY_RESUBMITTED = action(
    "time_entry_resubmitted",
    "corrected rejected time and submitted it again",
    describe=lambda e: headed(
        f"corrected rejected time ({_time(Entry(before=e.before))}) and submitted it again",
        e.changes(skip={"status", "rejection_reason"}),
    ),
)
TIME_ENTRY_DELETED = action("time_entry_deleted", "deleted logged time", describe=lambda e: f"deleted {_time(e)}")
TIME_ENTRY_APPROVED = action(
    "time_entry_approved", "approved time", describe=lambda e: f"approved {_time(e, by=True)}{_amount(e)}"
)
TIME_ENTRY_APPROVED_WITH_OVERRIDE = action(
    "time_entry_approved_with_override", "approved time over the limit", override=True, describe=_approved_with_override
)
TIME_ENTRY_REJECTED = action("time_entry_rejected", "rejected time", describe=lambda e: f"rejected {_time(e, by=True)}")
RETAINER_FEE_POSTED = action("retainer_fee_posted", "posted a retainer fee", describe=_retainer_fee)
