"""Audit actions of oversight: hand-overs, reviews, feedback and ratings, and how each reads on
the activity page (audit.actions)."""

from outsourcer.audit.actions import OBJECT_LABELS, Entry, headed
from outsourcer.audit.events import action

OBJECT_LABELS.setdefault("oversight.deliverable", "Deliverable")
OBJECT_LABELS.setdefault("oversight.feedback", "Feedback")
OBJECT_LABELS.setdefault("oversight.organizationrating", "Rating of the organization")


def _version(entry: Entry) -> str:
    number = entry.get("version")
    return f" (version {number})" if isinstance(number, int) and number > 1 else ""


def _changes(entry: Entry) -> str:
    reasons = [str(text) for text in entry.get("reasons") or () if isinstance(text, str)]
    return headed(f"asked for changes to {entry.quoted}{_version(entry)}", "; ".join(reasons))


DELIVERABLE_SUBMITTED = action(
    "deliverable_submitted",
    "handed over work",
    describe=lambda e: f"handed over {e.quoted}{_version(e)}",
)
DELIVERABLE_ACCEPTED = action(
    "deliverable_accepted", "accepted handed-over work", describe=lambda e: f"accepted {e.quoted}{_version(e)}"
)
DELIVERABLE_CHANGES_REQUESTED = action("deliverable_changes_requested", "asked for changes", describe=_changes)


def _feedback(entry: Entry) -> str:
    # entry[...] raises KeyError on an older payload: the activity page then says the label alone.
    ratings = [f"{name} {entry[name]}/5" for name in ("quality", "timeliness", "communication")]
    return f"gave feedback on {entry.quoted}: " + ", ".join(ratings)


FEEDBACK_GIVEN = action("feedback_given", "gave feedback", describe=_feedback)
FEEDBACK_REMINDER_SENT = action(
    "feedback_reminder_sent",
    "reminded that feedback is owed",
    describe=lambda e: f"reminded {e.text('recipient')} that feedback on {e.quoted} is owed",
)
