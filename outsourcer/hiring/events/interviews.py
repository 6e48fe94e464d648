"""Audit actions of interviews and scorecards, and how each reads on the activity page."""

from datetime import datetime

from django.utils import timezone

from outsourcer.audit.actions import Entry, date_text, field_wording, headed, joined
from outsourcer.audit.events import action
from outsourcer.lib.durations import duration_text

field_wording("starts_at", "time")
field_wording("duration_minutes", "length")
field_wording("location", "place")
field_wording("interviewers", "interviewers", lambda value, currency: joined(str(name) for name in value))

SCORES = ("communication", "skill", "reliability", "understanding")


def _when(entry: Entry, key: str = "starts_at") -> str:
    """ "18 Mar 2025, 15:00" in the reader's zone (the activity page's active zone)."""
    return date_text(timezone.localtime(datetime.fromisoformat(entry[key])), with_time=True)


def _with(entry: Entry) -> str:
    contractor = entry.get("contractor")
    text = f" with {contractor}" if contractor else ""
    return text + (f" about “{entry.get('job')}”" if entry.get("job") else "")


def _scheduled(entry: Entry) -> str:
    text = f"scheduled an interview{_with(entry)} for {_when(entry)}"
    if entry.get("duration_minutes"):
        minutes = int(entry.get("duration_minutes"))
        text += f" ({minutes} min)" if minutes < 60 else f" ({duration_text(minutes)})"
    if entry.get("outside_working_hours"):
        text += ", outside their working hours"
    return text


def _rescheduled(entry: Entry) -> str:
    text = f"moved the interview{_with(entry)} from {_when(Entry(after=entry.before))} to {_when(entry)}"
    if entry.get("outside_working_hours"):
        text += ", outside their working hours"
    return text


def _scores(entry: Entry) -> str:
    return ", ".join(f"{name} {entry.get(name)}" for name in SCORES if entry.get(name) is not None)


def _scorecard(verb: str):
    def describe(entry: Entry) -> str:
        contractor = entry.get("contractor")
        about = f" of the interview with {contractor}" if contractor else ""
        return headed(f"{verb} a scorecard{about}", _scores(entry) + (" (of 5)" if _scores(entry) else ""))

    return describe


INTERVIEW_SCHEDULED = action("interview_scheduled", "scheduled an interview", describe=_scheduled)
INTERVIEW_RESCHEDULED = action("interview_rescheduled", "moved an interview", describe=_rescheduled)
INTERVIEW_CANCELLED = action(
    "interview_cancelled",
    "cancelled an interview",
    describe=lambda e: f"cancelled the interview{_with(e)} of {_when(e)}",
)
INTERVIEW_COMPLETED = action(
    "interview_completed",
    "marked an interview done",
    describe=lambda e: f"marked the interview{_with(e)} of {_when(e)} as done",
)
SCORECARD_SUBMITTED = action("scorecard_submitted", "scored an interview", describe=_scorecard("submitted"))
SCORECARD_UPDATED = action("scorecard_updated", "changed a scorecard", describe=_scorecard("changed"))
