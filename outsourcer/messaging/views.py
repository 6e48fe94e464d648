"""What every thread's pages share: an attachment served to the thread's parties only, and how a
held message reads to the sender."""

from datetime import datetime

from django.http import FileResponse, Http404

from outsourcer.contractors.models import Contractor
from outsourcer.lib.timezones import next_working_moment
from outsourcer.messaging.models import Message
from outsourcer.messaging.rules import arrival_text


def attachment_response(message: Message | None) -> FileResponse:
    """The message's attachment as a download (never shown inline, no sniffing), or 404 when there is
    none or the caller found no message (foreign or not yet delivered)."""
    if message is None or not message.attachment:
        raise Http404
    try:
        file = message.attachment.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(file, as_attachment=True, filename=message.attachment_name or "attachment")
    response["X-Content-Type-Options"] = "nosniff"
    return response


def arrival(message: Message, contractor: Contractor, now: datetime) -> str:
    """While the message is held: "reaches Carol at 09:00 their time (in 7 h)"; else ""."""
    if message.deliver_at <= now:
        return ""
    return arrival_text(message.deliver_at, now, time_zone=contractor.time_zone, name=contractor.name)


def with_arrivals(rows: list[Message], contractor: Contractor, now: datetime) -> list[tuple[Message, str]]:
    """(message, arrival) pairs for a thread's template."""
    return [(message, arrival(message, contractor, now)) for message in rows]


def held_now(contractor: Contractor, now: datetime) -> bool:
    """Whether a message the organization sends now, not urgent, waits for the contractor's window."""
    return next_working_moment(now, contractor.time_zone, contractor.working_hours) > now
