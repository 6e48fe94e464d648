"""Audit actions of the work domain: tasks and their milestones, and how each reads on the
activity page (audit.actions)."""

from datetime import date

from outsourcer.audit.actions import OBJECT_LABELS, Entry, date_text, headed
from outsourcer.audit.events import action

OBJECT_LABELS.setdefault("work.task", "Task")
OBJECT_LABELS.setdefault("work.taskmilestone", "Task milestone")

# The brief's fields as a sentence names them ("changed the brief of “Menu photos”: the goal and the deadline").
BRIEF_WORDS = {
    "title": "the title",
    "goal": "the goal",
    "context": "the context",
    "deliverables": "the deliverables",
    "deliverable_format": "the format",
    "acceptance_criteria": "the acceptance criteria",
    "references": "the references",
    "deadline_at": "the deadline",
    "estimate_minutes": "the estimate",
    "priority": "the priority",
    "point_of_contact": "the point of contact",
}


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _to(entry: Entry) -> str:
    contractor = entry.get("contractor")
    return f" to {contractor}" if isinstance(contractor, str) and contractor else ""


def _changed(entry: Entry) -> str:
    fields = [BRIEF_WORDS[name] for name in entry.get("changed") or () if name in BRIEF_WORDS]
    text = f"changed the brief of {entry.quoted}"
    return headed(text, _and(fields) if fields else "")


def _for(entry: Entry) -> str:
    contractor = entry.get("contractor")
    return f" for {contractor}" if isinstance(contractor, str) and contractor else ""


def _findings_text(entry: Entry) -> str:
    findings = [str(message).rstrip(".") for message in entry.get("findings") or () if isinstance(message, str)]
    return "; ".join(findings)


def _sent_with_override(entry: Entry) -> str:
    count = len(entry.get("findings") or ())
    open_findings = f" with {count} open finding{'s' if count != 1 else ''}" if count else ""
    return headed(
        f"overrode the brief check to send the task {entry.quoted}{_to(entry)}{open_findings}", _findings_text(entry)
    )


def _with_reason(head: str, entry: Entry, key: str) -> str:
    text = entry.get(key)
    return headed(head, f"“{text}”" if isinstance(text, str) and text else "")


def _milestone_added(entry: Entry) -> str:
    text = f"added the milestone {entry.quoted}"
    task = entry.get("task")
    if isinstance(task, str) and task:
        text += f" to the task “{task}”"
    due_on = entry.get("due_on")
    if isinstance(due_on, str) and due_on:
        text += f", due {date_text(date.fromisoformat(due_on))}"
    if entry.get("amount_cents") is not None:
        text += f" ({entry.money('amount_cents')})"
    return text


TASK_CREATED = action(
    "task_created",
    "drafted a task",
    describe=lambda e: f"drafted the task {e.quoted}" + (f" for {e['contractor']}" if e.get("contractor") else ""),
)
TASK_UPDATED = action("task_updated", "changed a task's brief", describe=_changed)
TASK_SENT = action("task_sent", "sent a task", describe=lambda e: f"sent the task {e.quoted}{_to(e)}")
TASK_SENT_WITH_OVERRIDE = action(
    "task_sent_with_override", "sent a task despite the brief check", override=True, describe=_sent_with_override
)
TASK_DUPLICATE_OVERRIDDEN = action(
    "task_duplicate_overridden",
    "saved a task that looks like other work",
    override=True,
    describe=lambda e: headed(
        f"saved the task {e.quoted}{_for(e)} although it looks like other work",
        "; ".join(str(text) for text in e.get("similar") or () if isinstance(text, str)),
    ),
)
TASK_ACCEPTED = action("task_accepted", "accepted a task", describe=lambda e: f"accepted the task {e.quoted}")
TASK_DECLINED = action(
    "task_declined", "declined a task", describe=lambda e: _with_reason(f"declined the task {e.quoted}", e, "reason")
)
TASK_QUESTION_ASKED = action(
    "task_question_asked",
    "asked a question about a task",
    describe=lambda e: _with_reason(f"asked a question about the task {e.quoted}", e, "question"),
)
TASK_ANSWERED = action(
    "task_answered",
    "answered a question about a task",
    describe=lambda e: _with_reason(f"answered the question about the task {e.quoted} and sent it again", e, "answer"),
)
TASK_STARTED = action("task_started", "started a task", describe=lambda e: f"started work on the task {e.quoted}")
TASK_SUBMITTED = action("task_submitted", "submitted a task", describe=lambda e: f"submitted the task {e.quoted}")
TASK_REVISED = action(
    "task_revised", "sent a task back for changes", describe=lambda e: f"sent the task {e.quoted} back for changes"
)
TASK_DONE = action("task_done", "marked a task done", describe=lambda e: f"marked the task {e.quoted} done")
TASK_CANCELLED = action("task_cancelled", "cancelled a task", describe=lambda e: f"cancelled the task {e.quoted}")
TASK_MILESTONE_ADDED = action("task_milestone_added", "added a milestone to a task", describe=_milestone_added)


def _message_posted(entry: Entry) -> str:
    text = f"wrote about the task {entry.quoted}"
    if entry.get("from_contractor") is True:
        return text
    contractor = entry.get("contractor")
    to = f" to {contractor}" if isinstance(contractor, str) and contractor else ""
    if entry.get("urgent") is True:
        return f"{text}{to}, marked urgent"
    held = entry.get("held_until")
    return f"{text}{to}, held until {held} their time" if isinstance(held, str) and held else f"{text}{to}"


MESSAGE_POSTED = action("task_message_posted", "wrote in a task's thread", describe=_message_posted)


# Check-ins and reminders (services/checkins.py, services/reminders.py).
def cadence_text(entry: Entry) -> str:
    """ "weekly on Monday" / "every 3 working days", from a cadence payload."""
    if entry.get("kind") == "weekly" and isinstance(entry.get("weekday"), int) and 0 <= entry["weekday"] <= 6:
        day = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[entry["weekday"]]
        return f"weekly on {day}"
    days = entry.get("every_days")
    if isinstance(days, int):
        return "every working day" if days == 1 else f"every {days} working days"
    return ""


CHECKIN_STATUS_WORDS = {"on_track": "on track", "at_risk": "at risk", "blocked": "blocked"}
REMINDER_WORDS = {
    "deadline_soon": "the deadline of the task {task} is near",
    "overdue": "the task {task} is overdue",
    "checkin_missing": "a check-in on the task {task} is missing",
}


def _checked_in(entry: Entry) -> str:
    status = CHECKIN_STATUS_WORDS.get(str(entry.get("checkin_status")), "")
    percent = entry.get("percent_done")
    head = f"checked in on the task {entry.quoted}"
    if status:
        head += f": {status}" + (f", {percent} % done" if isinstance(percent, int) else "")
    note = entry.get("note")
    return f"{head} (“{note}”)" if isinstance(note, str) and note else head


def _reminded(entry: Entry) -> str:
    who = entry.get("recipient")
    words = REMINDER_WORDS.get(str(entry.get("kind")), "the task {task} needs attention")
    return f"reminded {who if isinstance(who, str) and who else 'someone'} that {words.format(task=entry.quoted)}"


TASK_CHECKIN_CADENCE_SET = action(
    "task_checkin_cadence_set",
    "set a task's check-ins",
    describe=lambda e: headed(f"set the check-ins of the task {e.quoted}", cadence_text(e)),
)
TASK_CHECKIN_CADENCE_CLEARED = action(
    "task_checkin_cadence_cleared",
    "stopped a task's check-ins",
    describe=lambda e: f"stopped the check-ins of the task {e.quoted}",
)
TASK_CHECKED_IN = action("task_checked_in", "checked in on a task", describe=_checked_in)
TASK_REMINDER_SENT = action("task_reminder_sent", "sent a task reminder", describe=_reminded)


OBJECT_LABELS.setdefault("work.calendarfeed", "Calendar feed")
CALENDAR_FEED_CREATED = action(
    "calendar_feed_created", "created a calendar feed", describe=lambda e: "created their secret calendar feed address"
)
CALENDAR_FEED_ROTATED = action(
    "calendar_feed_rotated",
    "replaced a calendar feed address",
    describe=lambda e: "replaced their calendar feed address (the old one stopped working)",
)
CALENDAR_FEED_REVOKED = action(
    "calendar_feed_revoked", "turned off a calendar feed", describe=lambda e: "turned off their calendar feed"
)
