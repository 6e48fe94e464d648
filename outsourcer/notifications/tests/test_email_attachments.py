"""An e-mail may carry attachments beside its text and HTML parts (an interview's .ics)."""

import pytest
from django.core import mail

from outsourcer.notifications.email import email_message, email_send_on_commit

pytestmark = pytest.mark.django_db
ICS = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"


def test_the_attachment_travels_with_both_parts(django_capture_on_commit_callbacks):
    context = {"name": "Carol", "message": "See you Tuesday.", "url": "/portal/"}
    with django_capture_on_commit_callbacks(execute=True):
        email_send_on_commit(
            to="carol@studio.example",
            subject="Interview",
            template="emails/time_reviewed.txt",
            context=context,
            attachments=[("invite.ics", ICS, "text/calendar")],
        )

    [message] = mail.outbox
    assert message.attachments == [("invite.ics", ICS.decode(), "text/calendar")]
    assert [mimetype for _, mimetype in message.alternatives] == ["text/html"]
    raw = message.message().as_string()
    assert "Content-Type: text/calendar" in raw and 'filename="invite.ics"' in raw


def test_without_attachments_the_message_is_as_before():
    message = email_message(to="a@b.example", subject="x", template="emails/time_reviewed.txt", context={})
    assert message.attachments == []
