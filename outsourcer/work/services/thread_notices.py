"""Who hears about a message in a task's thread. The organization's side (the task's author and
its point of contact) at once, in-app and by e-mail. The contractor when the message is delivered:
at once for their own view of an urgent one or one written inside their working hours, else
through the worker at `deliver_at` (the task queue's `run_after`, as notifications.deferred does),
so a held message never announces itself before the contractor can read it."""

from django.db import transaction
from django.tasks import task as worker_task
from django.utils import timezone

from outsourcer.notifications.email import email_send_on_commit
from outsourcer.notifications.services import notification_create
from outsourcer.work.models import Message
from outsourcer.work.services.notices import task_org_url, task_portal_url

MESSAGE_KIND = "task_message"
QUOTE_LENGTH = 120


def _quote(body: str) -> str:
    one_line = " ".join(body.split())
    return one_line if len(one_line) <= QUOTE_LENGTH else one_line[: QUOTE_LENGTH - 1] + "…"


def _context(message: Message, name: str, text: str, url: str) -> dict:
    return {
        "name": name,
        "message": text,
        "body": message.body,
        "attachment": message.attachment_name,
        "url": url,
    }


def message_organization_notify(*, message: Message) -> None:
    """Tell the task's author and point of contact about the contractor's message; inside the transaction."""
    task = message.task
    text = f"{task.contractor.name} wrote about “{task.title}”: {_quote(message.body or message.attachment_name)}"
    url = task_org_url(task)
    people = {user.pk: user for user in (task.created_by, task.point_of_contact) if user is not None and user.is_active}
    for user in people.values():
        notification_create(user=user, organization=task.organization, kind=MESSAGE_KIND, message=text, url=url)
        email_send_on_commit(
            to=user.email,
            subject=f"Message from {task.contractor.name}: {task.title}",
            template="emails/task_message.txt",
            context=_context(message, user.display_name, text, url),
        )


def _contractor_notify(message: Message) -> None:
    task = message.task
    user = task.contractor.user
    if user is None or not user.is_active:
        return
    text = f"{task.organization.name} wrote about “{task.title}”: {_quote(message.body or message.attachment_name)}"
    url = task_portal_url(task)
    notification_create(user=user, organization=task.organization, kind=MESSAGE_KIND, message=text, url=url)
    email_send_on_commit(
        to=user.email,
        subject=f"{'Urgent: ' if message.urgent else ''}Message from {task.organization.name}: {task.title}",
        template="emails/task_message.txt",
        context=_context(message, task.contractor.name, text, url),
    )


@worker_task
def message_deliver(message_id: int) -> None:
    """Worker entry point: a held message's time has come; tell the contractor (once: a message
    already read, or deleted with its task, is left alone)."""
    message = (
        Message.objects.select_related("task__organization", "task__contractor__user")
        .filter(pk=message_id, read_at=None)
        .first()
    )
    if message is None:
        return
    with transaction.atomic():
        _contractor_notify(message)


def message_contractor_notify(*, message: Message) -> None:
    """Tell the contractor now, or at `deliver_at` through the worker; inside the transaction."""
    if message.deliver_at <= timezone.now():
        _contractor_notify(message)
        return
    # A backend that cannot defer (the immediate one of a laptop without a worker) runs it at once:
    # the notice comes early there, the message itself still shows only from `deliver_at`.
    deferred = message_deliver
    if message_deliver.get_backend().supports_defer:
        deferred = message_deliver.using(run_after=message.deliver_at)
    message_id = message.pk
    transaction.on_commit(lambda: deferred.enqueue(message_id))
