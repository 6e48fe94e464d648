"""Outgoing e-mail: rendered from templates, sent after the surrounding transaction commits."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string


def email_send_on_commit(*, to: str, subject: str, template: str, context: dict) -> None:
    """Render `template` (plain text) and send it once the current transaction commits, so a
    rolled-back operation never mails anyone."""
    body = render_to_string(template, {**context, "site_url": settings.SITE_URL})

    def send() -> None:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])

    transaction.on_commit(send)
