"""A task's thread: messaging's services (messaging/services.py) with the task as the subject.
What is the task's own: a draft has no thread yet (it has not reached anyone), the notices name
the task and link to its pages, and its author and point of contact hear of the contractor's
messages."""

from django.core.files.uploadedfile import UploadedFile

from outsourcer.accounts.models import User
from outsourcer.lib.errors import DomainError
from outsourcer.messaging import services as messaging
from outsourcer.messaging.models import Message
from outsourcer.messaging.subjects import ThreadSubject
from outsourcer.work import events
from outsourcer.work.models import Task, TaskStatus
from outsourcer.work.selectors_threads import task_thread_key
from outsourcer.work.services.notices import task_org_url, task_portal_url

MESSAGE_KIND = "task_message"
NOT_SENT = "Send the task first: until then it has not reached {name}."


def task_thread_subject(task: Task) -> ThreadSubject:
    """The task as the subject of its thread (messaging.subjects)."""
    return ThreadSubject(
        key=task_thread_key(task),
        organization=task.organization,
        contractor=task.contractor,
        title=task.title,
        org_url=task_org_url(task),
        portal_url=task_portal_url(task),
        notice_kind=MESSAGE_KIND,
        email_template="emails/task_message.txt",
        event_action=events.MESSAGE_POSTED,
        org_recipients=tuple(user for user in (task.created_by, task.point_of_contact) if user is not None),
        event_obj=task,
    )


def task_thread_subject_for_message(message: Message) -> ThreadSubject:
    """The worker's way to the subject of a held message (registered in WorkConfig.ready)."""
    task = Task.objects.select_related("organization", "contractor__user", "created_by", "point_of_contact").get(
        pk=message.task_id
    )
    return task_thread_subject(task)


def message_post(
    *,
    task: Task,
    actor: User | None,
    body: str = "",
    from_contractor: bool,
    urgent: bool = False,
    attachment: UploadedFile | None = None,
) -> Message:
    """messaging.services.message_post on the task's thread; a draft task refuses (DomainError)."""
    if task.status == TaskStatus.DRAFT:
        raise DomainError(NOT_SENT.format(name=task.contractor.name), field="body")
    return messaging.message_post(
        subject=task_thread_subject(task),
        actor=actor,
        body=body,
        from_contractor=from_contractor,
        urgent=urgent,
        attachment=attachment,
    )


def thread_mark_read(*, task: Task, by_contractor: bool) -> int:
    """Mark the other side's delivered, unread messages of the task's thread read; returns how many."""
    return messaging.thread_mark_read(key=task_thread_key(task), by_contractor=by_contractor)


__all__ = ["message_post", "task_thread_subject", "task_thread_subject_for_message", "thread_mark_read"]
