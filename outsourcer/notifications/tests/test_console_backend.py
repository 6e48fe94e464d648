import io

from django.core.mail import EmailMessage

from outsourcer.notifications.console import EmailBackend


def test_it_prints_a_readable_message_with_non_ascii_text():
    stream = io.StringIO()
    message = EmailMessage("Budget alert: “Ads” at 80 %", "€800.00 of €1,000.00 spent.", "a@x.test", ["b@x.test"])

    EmailBackend(stream=stream).send_messages([message])

    printed = stream.getvalue()
    assert "Subject: Budget alert: “Ads” at 80 %" in printed
    assert "€800.00 of €1,000.00 spent." in printed
    assert "=E2" not in printed
