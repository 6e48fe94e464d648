"""Outgoing e-mail: every message is one plain-text template (templates/emails/*.txt) rendered
without HTML escaping, plus an HTML alternative made from that same text in one shared layout, so
the two parts always say the same thing. Sent after the surrounding transaction commits.

Absolute links start with settings.SITE_URL, never with a request's Host header (a Host header is
the requester's to choose: a reset link built from it could point at their server)."""

import re
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import Context, engines
from django.template.loader import render_to_string
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

LAYOUT = "emails/layout.html"
URL = re.compile(r"https?://[^\s<>\"']+")


def email_text(template: str, context: dict) -> str:
    """Render a plain-text e-mail template (with `site_url` in its context) with autoescape off:
    "R&D" stays "R&D" in a plain-text e-mail."""
    engine = engines["django"].engine
    return engine.get_template(template).render(Context({**context, "site_url": settings.SITE_URL}, autoescape=False))


def _paragraph_html(paragraph: str) -> SafeString:
    # Escape everything; link only our own absolute URLs (a name that looks like a URL stays text).
    parts, start = [], 0
    for match in URL.finditer(paragraph):
        url = match.group().rstrip(".,;:!?)")
        parts.append(escape(paragraph[start : match.start()]))
        if url.startswith(settings.SITE_URL + "/") or url == settings.SITE_URL:
            parts.append(format_html('<a href="{}" style="color:#0b57d0;">{}</a>', url, url))
        else:
            parts.append(escape(url))
        start = match.start() + len(url)
    parts.append(escape(paragraph[start:]))
    return mark_safe("<br>\n".join("".join(parts).split("\n")))  # noqa: S308 - every part escaped above


def email_html(text: str, *, subject: str) -> str:
    """The HTML alternative of a plain-text e-mail: its paragraphs, escaped, with our links clickable."""
    paragraphs = [_paragraph_html(p.strip("\n")) for p in re.split(r"\n[ \t]*\n", text.strip()) if p.strip()]
    return render_to_string(LAYOUT, {"subject": subject, "paragraphs": paragraphs})


# (filename, content, mimetype), e.g. ("invite.ics", b"BEGIN:VCALENDAR…", "text/calendar").
Attachment = tuple[str, bytes | str, str]


def email_message(
    *, to: str, subject: str, template: str, context: dict, attachments: Sequence[Attachment] = ()
) -> EmailMultiAlternatives:
    """The message for `template` rendered with `context`: a text body and its HTML alternative,
    plus any `attachments`."""
    text = email_text(template, context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(email_html(text, subject=subject), "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message


def email_send_on_commit(
    *, to: str, subject: str, template: str, context: dict, attachments: Sequence[Attachment] = ()
) -> None:
    """Render `template` and send it once the current transaction commits, so a rolled-back
    operation never mails anyone."""
    message = email_message(to=to, subject=subject, template=template, context=context, attachments=attachments)
    transaction.on_commit(message.send)
