"""Audit actions of jobs (the brief, its status, invitations, the share link) and how each reads."""

from outsourcer.audit.actions import Entry, field_wording, headed, joined
from outsourcer.audit.events import action

field_wording("goal", "goal")
field_wording("deliverables", "deliverables")
field_wording("acceptance_criteria", "acceptance criteria")
field_wording("deadline_on", "deadline")
field_wording("skills", "skills")
field_wording("expected_min_cents", "expected amount")
field_wording("expected_max_cents", "highest expected amount")
field_wording("bids_due_at", "bid deadline")

# Long texts read as "rewrote the goal", not quoted in full.
REWRITTEN = ("goal", "deliverables", "acceptance_criteria")


def _expected(entry: Entry) -> str:
    low, high = entry.get("expected_min_cents"), entry.get("expected_max_cents")
    if low is not None and high is not None and low != high:
        return f", expecting {entry.money('expected_min_cents')} to {entry.money('expected_max_cents')}"
    if low is not None:
        return f", expecting {entry.money('expected_min_cents')}"
    if high is not None:
        return f", expecting up to {entry.money('expected_max_cents')}"
    return ""


def _created(entry: Entry) -> str:
    budget = f" from the budget “{entry.get('budget')}”" if entry.get("budget") else ""
    return f"drafted the job {entry.quoted}{budget}{_expected(entry)}"


def _updated(entry: Entry) -> str:
    rewritten = [name.replace("_", " ") for name in REWRITTEN if name in entry.after]
    changes = entry.changes(skip={"status", *REWRITTEN})
    parts = [changes, f"rewrote the {joined(rewritten)}" if rewritten else ""]
    return headed(f"changed the job {entry.quoted}", "; ".join(p for p in parts if p))


def _due(entry: Entry) -> str:
    return f" (bids due {entry.text('bids_due_at')})" if entry.get("bids_due_at") else ""


def _invited(entry: Entry) -> str:
    names = [str(name) for name in entry.get("contractors") or []]
    who = joined(names) if names else "contractors"
    return f"invited {who} to bid on {entry.quoted}"


def _share_created(entry: Entry) -> str:
    verb = "replaced the share link of" if entry.get("replaced") else "published a share link for"
    until = f", valid until {entry.text('expires_at')}" if entry.get("expires_at") else ""
    return f"{verb} the job {entry.quoted}{until}"


JOB_CREATED = action("job_created", "drafted a job", describe=_created)
JOB_UPDATED = action("job_updated", "changed a job", describe=_updated)
JOB_OPENED = action(
    "job_opened", "opened a job for bids", describe=lambda e: f"opened the job {e.quoted} for bids{_due(e)}"
)
JOB_REOPENED = action(
    "job_reopened", "reopened a job", describe=lambda e: f"reopened the job {e.quoted} for bids{_due(e)}"
)
JOB_CLOSED = action("job_closed", "closed a job", describe=lambda e: f"closed the job {e.quoted} to new bids")
JOB_DUPLICATE_OVERRIDDEN = action(
    "job_duplicate_overridden",
    "saved a job that looks like other work",
    override=True,
    describe=lambda e: headed(
        f"saved the job {e.quoted} although it looks like other work",
        "; ".join(str(text) for text in e.get("similar") or () if isinstance(text, str)),
    ),
)
JOB_CANCELLED = action("job_cancelled", "cancelled a job", describe=lambda e: f"cancelled the job {e.quoted}")
JOB_CONTRACTORS_INVITED = action("job_contractors_invited", "invited contractors to bid", describe=_invited)
JOB_SHARE_LINK_CREATED = action("job_share_link_created", "published a job's share link", describe=_share_created)
JOB_SHARE_LINK_REVOKED = action(
    "job_share_link_revoked",
    "revoked a job's share link",
    describe=lambda e: f"revoked the share link of the job {e.quoted}",
)
