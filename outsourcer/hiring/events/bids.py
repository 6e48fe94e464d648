"""Audit actions of bids and the bidders' Q&A threads, and how each reads on the activity page."""

from outsourcer.audit.actions import Entry, field_wording, value_text
from outsourcer.audit.events import action

field_wording("fixed_total_cents", "fixed total")
field_wording("estimated_minutes", "estimated hours")
field_wording("retainer_fee_cents", "monthly retainer fee")
field_wording("retainer_months", "number of months")
field_wording("proposed_start_on", "proposed start")
field_wording("finishes_on", "finish date")


def _terms(entry: Entry) -> str:
    """A bid's terms in words: "€3,000.00 fixed price", "€40.00 an hour for about 20 h (€800.00)"."""
    model = entry.get("rate_model")
    if model == "fixed":
        return f"{entry.money('fixed_total_cents')} fixed price"
    if model == "hourly":
        return (
            f"{entry.money('hourly_rate_cents')} an hour for about {entry.text('estimated_minutes')} "
            f"({entry.money('total_cents')})"
        )
    if model == "retainer":
        months = entry.get("retainer_months")
        return f"{entry.money('retainer_fee_cents')} a month for {value_text('retainer_months', months)} months"
    return ""


def _job(entry: Entry) -> str:
    job = entry.get("job")
    return f" on the job “{job}”" if job else ""


def _as(entry: Entry) -> str:
    # A bid through the share link has no signed-in actor: the sentence names the applicant.
    who = entry.get("contractor")
    return f" as {who}" if who else ""


def _with_terms(text: str, entry: Entry) -> str:
    terms = _terms(entry)
    return f"{text}: {terms}" if terms else text


def _bid_submitted(entry: Entry) -> str:
    if entry.get("through_share_link"):
        return _with_terms(f"applied through the share link{_job(entry)}{_as(entry)}", entry)
    return _with_terms(f"submitted a bid{_job(entry)}", entry)


def _bid_revised(entry: Entry) -> str:
    revision = entry.get("revision")
    text = f"revised the bid{_job(entry)}"
    return _with_terms(text + (f" (revision {revision})" if revision else ""), entry)


def _bid_withdrawn(entry: Entry) -> str:
    return f"withdrew the bid{_job(entry)}"


def _message_posted(entry: Entry) -> str:
    who = entry.get("contractor")
    if entry.get("from_contractor"):
        return f"asked a question{_job(entry)}"
    text = f"answered {who}{_job(entry)}" if who else f"answered a bidder{_job(entry)}"
    if entry.get("urgent") is True:
        return f"{text}, marked urgent"
    held = entry.get("held_until")
    return f"{text}, held until {held} their time" if isinstance(held, str) and held else text


BID_SUBMITTED = action("bid_submitted", "submitted a bid", describe=_bid_submitted)
BID_REVISED = action("bid_revised", "revised a bid", describe=_bid_revised)
BID_WITHDRAWN = action("bid_withdrawn", "withdrew a bid", describe=_bid_withdrawn)
JOB_MESSAGE_POSTED = action("job_message_posted", "wrote in a job's Q&A", describe=_message_posted)

__all__ = ["BID_REVISED", "BID_SUBMITTED", "BID_WITHDRAWN", "JOB_MESSAGE_POSTED"]
