"""Writes of every thread (a task's, a bidder's on a job): post a message (either side), mark the
other side's messages read, and move a merged prospect's threads.

A non-urgent message from the organization that would reach the contractor outside their working
hours is held: `deliver_at` is the start of their next working window
(lib.timezones.next_working_moment), the contractor sees it and hears of it only then. Urgent
ones, and the contractor's own, arrive at once."""

import os

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from outsourcer.accounts.models import User
from outsourcer.audit.events import event_record
from outsourcer.contractors.models import Contractor
from outsourcer.lib.timezones import local_time_text, next_working_moment
from outsourcer.lib.uploads import upload_check, upload_name
from outsourcer.lib.validation import Errors
from outsourcer.messaging.models import Message, Thread
from outsourcer.messaging.notices import message_contractor_notify, message_organization_notify
from outsourcer.messaging.rules import ATTACHMENT_KINDS, ATTACHMENT_MAX_BYTES, MAX_BODY
from outsourcer.messaging.subjects import ThreadKey, ThreadSubject

EMPTY = "Write a message or attach a file."


def _thread(key: ThreadKey, now) -> Thread:
    thread, _ = Thread.objects.get_or_create(
        **key.filters(),
        defaults={"organization_id": key.organization_id, "contractor_id": key.contractor_id, "created_at": now},
    )
    return thread


def message_post(
    *,
    subject: ThreadSubject,
    actor: User | None,
    body: str = "",
    from_contractor: bool,
    urgent: bool = False,
    attachment: UploadedFile | None = None,
) -> Message:
    """Add a message to the subject's thread (`from_contractor`: the contractor writes; otherwise
    the organization). The organization's non-urgent message waits for the contractor's next
    working window. Answering marks the other side's messages read. The caller has checked access
    (and whether the subject may be written about). Raises DomainError
    for a bad attachment, FieldErrors for an empty message or a bad body."""
    errors = Errors()
    body = errors.text(body or "", field="body", label="Message", max_length=MAX_BODY, required=False)
    if not body and attachment is None and "body" not in errors:
        errors.add("body", EMPTY)
    errors.raise_if_any()
    kind = None
    if attachment is not None:
        kind = upload_check(
            attachment, field="attachment", noun="attachment", kinds=ATTACHMENT_KINDS, max_bytes=ATTACHMENT_MAX_BYTES
        )
    urgent = bool(urgent) and not from_contractor
    key, contractor = subject.key, subject.contractor
    now = timezone.now()
    deliver_at = now
    if not from_contractor and not urgent:
        deliver_at = max(now, next_working_moment(now, contractor.time_zone, contractor.working_hours))
    with transaction.atomic():
        thread = _thread(key, now)
        message = Message(
            organization_id=key.organization_id,
            task_id=key.task_id,
            job_id=key.job_id,
            contractor_id=key.contractor_id,
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
        _mark_read(key, by_contractor=from_contractor, now=now)
        held = deliver_at > now
        event_record(
            action=subject.event_action,
            organization=subject.organization,
            actor=actor,
            obj=subject.event_obj if subject.event_obj is not None else message,
            after={
                **subject.event_after,
                "contractor": contractor.name,
                "from_contractor": from_contractor,
                "urgent": urgent,
                "held_until": local_time_text(deliver_at, contractor.time_zone) if held else None,
                "attachment": message.attachment_name or None,
            },
        )
        if from_contractor:
            message_organization_notify(subject=subject, message=message)
        else:
            message_contractor_notify(subject=subject, message=message)
    return message


def _mark_read(key: ThreadKey, *, by_contractor: bool, now) -> int:
    unread = Message.objects.filter(**key.filters(), from_contractor=not by_contractor, read_at=None)
    if by_contractor:  # a held message is not there for the contractor to read yet
        unread = unread.filter(contractor_id=key.contractor_id, deliver_at__lte=now)
    else:
        unread = unread.filter(organization_id=key.organization_id)
    return unread.update(read_at=now)


def thread_mark_read(*, key: ThreadKey, by_contractor: bool) -> int:
    """Mark the other side's delivered, unread messages of the thread read (`by_contractor`: the
    contractor reads the organization's); returns how many."""
    return _mark_read(key, by_contractor=by_contractor, now=timezone.now())


def threads_move(rows: QuerySet, into: Contractor) -> None:
    """Contractor merge rule: a merged prospect's threads become the account's. Where both had a
    thread on the same job, the prospect's messages join the account's thread."""
    clashing = rows.filter(job__isnull=False, job_id__in=Thread.objects.filter(contractor=into).values("job_id"))
    for thread in clashing:
        kept = Thread.objects.get(job_id=thread.job_id, contractor=into)
        Message.objects.filter(thread=thread).update(thread=kept, contractor=into)
        thread.delete()
    rows.update(contractor=into)


__all__ = ["message_post", "thread_mark_read", "threads_move"]
