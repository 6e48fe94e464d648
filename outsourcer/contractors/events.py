"""Audit actions of the contractors domain: contractor records, invitations and engagements, and
how each reads on the activity page (audit.actions)."""

from outsourcer.audit.actions import Entry, field_wording, value_text
from outsourcer.audit.events import action
from outsourcer.lib.durations import duration_text
from outsourcer.lib.timezones import WEEKDAY_LABELS


def _working_hours(value, currency: str) -> str:
    days = [f"{WEEKDAY_LABELS.get(day, day)[:3]} {'–'.join(span)}" for day, span in dict(value).items() if span]
    return ", ".join(days) or "none"


def _volume_tiers(value, currency: str) -> str:
    return ", ".join(
        f"{value_text('rate_cents', tier.get('rate_cents'), currency)} an hour from "
        f"{duration_text(int(tier.get('min_hours') or 0) * 60)} a week"
        for tier in value
    )


field_wording("weekly_capacity_minutes", "weekly capacity")
field_wording("default_rate_cents", "default hourly rate")
field_wording("time_zone", "time zone")
field_wording("working_hours", "working hours", _working_hours)
field_wording("volume_tiers", "volume rates", _volume_tiers)


def _contractor(entry: Entry) -> str:
    # An engagement's stored name is "contractor @ organization".
    return entry.get("name") or entry.object_repr.rpartition(" @ ")[0] or entry.object_repr or "a contractor"


def _capacity_changed(entry: Entry) -> str:
    was = entry.before.get("weekly_capacity_minutes")
    text = (
        f"set the weekly hours {_contractor(entry)} gives this organization to {entry.text('weekly_capacity_minutes')}"
    )
    return text + (f" (was {value_text('weekly_capacity_minutes', was)})" if was is not None else "")


ADDED_AS = {
    "prospect": "as a prospect",
    "vetting": "for vetting",
    "active": "as active",
    "paused": "as paused",
    "ended": "as ended",
}


def _status(value) -> str:
    return str(value or "").replace("_", " ")


CONTRACTOR_ADDED = action(
    "contractor_added",
    "added a contractor",
    describe=lambda e: f"added the contractor {_contractor(e)} {ADDED_AS.get(e.get('status'), 'as a prospect')}",
)
CONTRACTOR_UPDATED = action(
    "contractor_updated",
    "updated a contractor",
    describe=lambda e: f"changed the contractor {_contractor(e)}: {e.changes()}",
)
CONTRACTOR_INVITED = action(
    "contractor_invited",
    "invited a contractor",
    describe=lambda e: f"invited {_contractor(e)} to join Outsourcer at {e['email']}",
)
CONTRACTOR_JOINED = action(
    "contractor_joined",
    "accepted the contractor invitation",
    describe=lambda e: "accepted the invitation to work with the organization",
)
CONTRACTOR_PROFILE_UPDATED = action(
    "contractor_profile_updated",
    "updated their contractor profile",
    describe=lambda e: f"updated their contractor profile: {e.changes()}",
)
CONTRACTORS_IMPORTED = action(
    "contractors_imported",
    "imported contractors",
    describe=lambda e: f"imported {e['count']} contractor{'s' if e['count'] != 1 else ''} from a CSV file",
)
ENGAGEMENT_STATUS_CHANGED = action(
    "engagement_status_changed",
    "changed an engagement's status",
    describe=lambda e: f"moved {_contractor(e)} from {_status(e.before['status'])} to {_status(e.after['status'])}",
)
ENGAGEMENT_CAPACITY_CHANGED = action(
    "engagement_capacity_changed", "changed the capacity for this organization", describe=_capacity_changed
)
