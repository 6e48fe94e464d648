"""Who hears about a message, for every kind of thread. The organization's side (the subject's
`org_recipients`) at once, in-app and (when the subject says so) by e-mail. The contractor when
the message is delivered: at once for an urgent one or one written inside their working hours,
else through the worker at `deliver_at` (the task queue's `run_after`, as notifications.deferred
does), so a held message never announces itself before the contractor can read it."""

from django.db import transaction
from django.tasks import task as worker_task
from django.utils import timezone

from outsourcer.lib.text import one_line_excerpt
from outsourcer.messaging.models import Message
from outsourcer.messaging.subjects import ThreadSubject, thread_subject_for_message
from outsourcer.notifications.email import email_send_on_commit
from outsourcer.notifications.services import notification_create

QUOTE_LENGTH = 120


def _quote(body: str) -> str:
    return one_line_excerpt(body, QUOTE_LENGTH)


def _context(subject: ThreadSubject, message: Message, name: str, text: str, url: str, has_account: bool) -> dict:
    return {
        "name": name,
        "message": text,
        "body": message.body,
        "attachment": message.attachment_name,
        "url": url,
        "organization": subject.organization.name,
        "title": subject.title,
        "job": subject.title,
        "has_account": has_account,
    }


def message_organization_notify(*, subject: ThreadSubject, message: Message) -> None:
    """Tell the organization's people about the contractor's message; inside the transaction."""
    contractor = subject.contractor
    quote = _quote(message.body or message.attachment_name)
    text = f"{contractor.name} {subject.contractor_verb} about “{subject.title}”: {quote}"
    people = {user.pk: user for user in subject.org_recipients if user is not None and user.is_active}
    for user in people.values():
        notification_create(
            user=user, organization=subject.organization, kind=subject.notice_kind, message=text, url=subject.org_url
        )
        if subject.email_organization:
            email_send_on_commit(
                to=user.email,
                subject=f"Message from {contractor.name}: {subject.title}",
                template=subject.email_template,
                context=_context(subject, message, user.display_name, text, subject.org_url, True),
            )


def _contractor_notify(subject: ThreadSubject, message: Message) -> None:
    contractor = subject.contractor
    user = contractor.user
    if user is not None and not user.is_active:
        return
    if user is None and not (subject.email_prospect and contractor.email):
        return  # a prospect record without an account: nobody to tell
    quote = _quote(message.body or message.attachment_name)
    organization = subject.organization
    text = f"{organization.name} {subject.organization_verb} about “{subject.title}”: {quote}"
    if user is not None:
        notification_create(
            user=user, organization=organization, kind=subject.notice_kind, message=text, url=subject.portal_url
        )
    email_send_on_commit(
        to=user.email if user is not None else contractor.email,
        subject=f"{'Urgent: ' if message.urgent else ''}Message from {organization.name}: {subject.title}",
        template=subject.email_template,
        context=_context(subject, message, contractor.name, text, subject.portal_url, user is not None),
    )


@worker_task
def message_deliver(message_id: int) -> None:
    """Worker entry point: a held message's time has come; tell the contractor (once: a message
    already read, or deleted with its subject, is left alone)."""
    message = Message.objects.select_related("organization", "contractor__user").filter(pk=message_id).first()
    if message is None or message.read_at is not None:
        return
    with transaction.atomic():
        _contractor_notify(thread_subject_for_message(message), message)


def message_contractor_notify(*, subject: ThreadSubject, message: Message) -> None:
    """Tell the contractor now, or at `deliver_at` through the worker; inside the transaction."""
    if message.deliver_at <= timezone.now():
        _contractor_notify(subject, message)
        return
    # A backend that cannot defer (the immediate one of a laptop without a worker) runs it at once:
    # the notice comes early there, the message itself still shows only from `deliver_at`.
    deferred = message_deliver
    if message_deliver.get_backend().supports_defer:
        deferred = message_deliver.using(run_after=message.deliver_at)
    message_id = message.pk
    transaction.on_commit(lambda: deferred.enqueue(message_id))
