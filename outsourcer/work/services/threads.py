"""Writes of a task's thread: post a message (either side) and mark the other side's messages read.

A non-urgent message from the organization that would reach the contractor outside their working
hours is held: `deliver_at` is the start of their next working window
(lib.timezones.next_working_moment), the contractor sees it and hears of it only then. Urgent
ones, and the contractor's own, arrive at once."""

import os

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from outsourcer.accounts.models import User
from outsourcer.audit.events import event_record
from outsourcer.lib.errors import DomainError
from outsourcer.lib.timezones import local_time_text, next_working_moment
from outsourcer.lib.uploads import upload_check, upload_name
from outsourcer.lib.validation import Errors
from outsourcer.work import events
from outsourcer.work.models import Message, Task, TaskStatus, Thread
from outsourcer.work.services.thread_notices import message_contractor_notify, message_organization_notify
from outsourcer.work.threads import ATTACHMENT_KINDS, ATTACHMENT_MAX_BYTES, MAX_BODY

EMPTY = "Write a message or attach a file."
NOT_SENT = "Send the task first: until then it has not reached {name}."


def _thread(task: Task, now) -> Thread:
    thread, _ = Thread.objects.get_or_create(
        task=task,
        defaults={"organization_id": task.organization_id, "contractor_id": task.contractor_id, "created_at": now},
    )
    return thread


def message_post(
    *,
    task: Task,
    actor: User | None,
    body: str = "",
    from_contractor: bool,
    urgent: bool = False,
    attachment: UploadedFile | None = None,
) -> Message:
    """Add a message to the task's thread (`from_contractor`: the contractor writes; otherwise the
    organization). The organization's non-urgent message waits for the contractor's next working
    window. Answering marks the other side's messages read. The caller has checked access.
    Raises FieldErrors for a bad body, DomainError for a bad attachment or an empty message."""
    errors = Errors()
    body = errors.text(body or "", field="body", label="Message", max_length=MAX_BODY, required=False)
    errors.raise_if_any()
    kind = None
    if attachment is not None:
        kind = upload_check(
            attachment, field="attachment", noun="attachment", kinds=ATTACHMENT_KINDS, max_bytes=ATTACHMENT_MAX_BYTES
        )
    if not body and attachment is None:
        raise DomainError(EMPTY, field="body")
    if task.status == TaskStatus.DRAFT:
        raise DomainError(NOT_SENT.format(name=task.contractor.name), field="body")
    urgent = bool(urgent) and not from_contractor
    contractor = task.contractor
    now = timezone.now()
    deliver_at = now
    if not from_contractor and not urgent:
        deliver_at = max(now, next_working_moment(now, contractor.time_zone, contractor.working_hours))
    with transaction.atomic():
        thread = _thread(task, now)
        message = Message(
            organization_id=task.organization_id,
            task=task,
            contractor_id=task.contractor_id,
            thread=thread,
            author=actor if actor is not None and actor.is_authenticated else None,
            from_contractor=from_contractor,
            body=body,
            urgent=urgent,
            created_at=now,
            deliver_at=deliver_at,
        )
        if attachment is not None:
            message.attachment.save(upload_name(kind), attachment, save=False)
            message.attachment_name = os.path.basename(attachment.name or "").replace("\x00", "")[-200:]
            message.attachment_size = attachment.size or 0
        message.save()
        Thread.objects.filter(pk=thread.pk).update(last_message_at=now)
        _mark_read(task, by_contractor=from_contractor, now=now)
        held = deliver_at > now
        event_record(
            action=events.MESSAGE_POSTED,
            organization=task.organization,
            actor=actor,
            obj=task,
            after={
                "contractor": contractor.name,
                "from_contractor": from_contractor,
                "urgent": urgent,
                "held_until": local_time_text(deliver_at, contractor.time_zone) if held else None,
                "attachment": message.attachment_name or None,
            },
        )
        if from_contractor:
            message_organization_notify(message=message)
        else:
            message_contractor_notify(message=message)
    return message


def _mark_read(task: Task, *, by_contractor: bool, now) -> int:
    unread = Message.objects.filter(task=task, from_contractor=not by_contractor, read_at=None)
    if by_contractor:  # a held message is not there for the contractor to read yet
        unread = unread.filter(contractor_id=task.contractor_id, deliver_at__lte=now)
    else:
        unread = unread.filter(organization_id=task.organization_id)
    return unread.update(read_at=now)


def thread_mark_read(*, task: Task, by_contractor: bool) -> int:
    """Mark the other side's delivered, unread messages of the task's thread read (`by_contractor`:
    the contractor reads the organization's); returns how many."""
    return _mark_read(task, by_contractor=by_contractor, now=timezone.now())


__all__ = ["message_post", "thread_mark_read"]
