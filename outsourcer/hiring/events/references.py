"""Audit actions of reference checks and company checks, and how each reads on the activity page."""

from outsourcer.audit.actions import Entry
from outsourcer.audit.events import action

CHECK_ITEMS = {
    "registration": "business registration",
    "website": "website",
    "portfolio": "portfolio",
    "insurance": "insurance",
    "tax": "tax documents",
}


def _about(entry: Entry) -> str:
    return f" about {entry.get('contractor')}" if entry.get("contractor") else ""


def _referee(entry: Entry) -> str:
    return str(entry.get("referee") or "a referee")


def _requested(entry: Entry) -> str:
    relationship = f" ({entry.get('relationship')})" if entry.get("relationship") else ""
    return f"asked {_referee(entry)}{relationship} for a reference{_about(entry)}"


def _received(entry: Entry) -> str:
    hire = {True: ", who would hire them again", False: ", who would not hire them again"}.get(
        entry.get("would_hire_again"), ""
    )
    return f"received the reference from {_referee(entry)}{_about(entry)}{hire}"


def _check_updated(entry: Entry) -> str:
    item = CHECK_ITEMS.get(entry.get("item"), "company check")
    whose = f" of {entry.get('contractor')}" if entry.get("contractor") else ""
    status = entry.get("status")
    if status == "verified":
        text = f"verified the {item}{whose}"
    elif status == "failed":
        text = f"could not verify the {item}{whose}"
    else:
        text = f"marked the {item}{whose} as not checked yet"
    evidence = {"file": " with an evidence file", "link": " with an evidence link"}.get(entry.get("evidence"), "")
    return text + evidence


REFERENCE_REQUESTED = action("reference_requested", "asked for a reference", describe=_requested)
REFERENCE_RECEIVED = action("reference_received", "received a reference", describe=_received)
REFERENCE_REMINDED = action(
    "reference_reminded",
    "reminded a referee",
    describe=lambda e: f"reminded {_referee(e)} to answer the reference request{_about(e)}",
)
REFERENCE_EXPIRED = action(
    "reference_expired",
    "closed an unanswered reference request",
    describe=lambda e: f"closed the reference request to {_referee(e)}{_about(e)}: its link expired unanswered",
)
COMPANY_CHECK_UPDATED = action("company_check_updated", "updated a company check", describe=_check_updated)
