"""What every thread's pages share: an attachment served to the thread's parties only."""

from django.http import FileResponse, Http404

from outsourcer.messaging.models import Message


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
