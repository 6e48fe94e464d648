"""The thread's part of the two task pages: the message form and what the thread partial shows
(`thread_context`), shared by the task pages and the thread's own views."""

from django import forms
from django.urls import reverse
from django.utils import timezone

from outsourcer.accounts.forms import NulFreeMixin
from outsourcer.lib.errors import ServiceErrorsMixin
from outsourcer.lib.timezones import next_working_moment
from outsourcer.work import selectors_threads as selectors
from outsourcer.work.models import Message, Task, TaskStatus
from outsourcer.work.threads import ATTACHMENT_MAX_BYTES, MAX_BODY, arrival_text


class MessageForm(NulFreeMixin, ServiceErrorsMixin, forms.Form):
    body = forms.CharField(
        label="Message", max_length=MAX_BODY, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    attachment = forms.FileField(
        label="Attachment",
        required=False,
        help_text=f"PDF, PNG, JPEG or WebP, up to {ATTACHMENT_MAX_BYTES // (1024 * 1024)} MB.",
    )
    urgent = forms.BooleanField(
        label="Urgent: deliver now, even outside their working hours", required=False, initial=False
    )


def arrival(message: Message, task: Task, now) -> str:
    contractor = task.contractor
    return arrival_text(message.deliver_at, now, time_zone=contractor.time_zone, name=contractor.name)


def thread_context(
    task: Task, *, by_contractor: bool, may_write: bool = True, form: MessageForm | None = None, posted=None
) -> dict:
    """What the thread partial needs on either task page (`posted`: the message just sent)."""
    now = timezone.now()
    if by_contractor:
        rows = selectors.thread_messages_for_contractor(task=task)
    else:
        rows = selectors.thread_messages_for_organization(task=task)
    messages = [(m, arrival(m, task, now) if m.deliver_at > now else "") for m in rows]
    contractor = task.contractor
    held_now = not by_contractor and next_working_moment(now, contractor.time_zone, contractor.working_hours) > now
    if form is None:
        form = MessageForm()
    if by_contractor:
        form.fields.pop("urgent", None)
    return {
        "thread_task": task,
        "thread_messages": messages,
        "thread_form": form,
        "thread_by_contractor": by_contractor,
        "thread_unread": any(m.read_at is None and m.from_contractor != by_contractor for m, _ in messages),
        "thread_held_now": held_now,
        "thread_posted": posted,
        # A draft has not reached the contractor: there is nobody to write to yet.
        "thread_may_write": may_write and task.status != TaskStatus.DRAFT,
        "thread_posted_arrival": arrival(posted, task, now) if posted is not None and posted.deliver_at > now else "",
        "thread_post_url": thread_url(task, by_contractor, "post"),
        "thread_read_url": thread_url(task, by_contractor, "read"),
    }


def thread_url(task: Task, by_contractor: bool, what: str, **kwargs) -> str:
    if by_contractor:
        return reverse(f"tasks-portal:messages-{what}", kwargs={"task_id": task.pk, **kwargs})
    return reverse(f"tasks:messages-{what}", kwargs={"org_slug": task.organization.slug, "task_id": task.pk, **kwargs})
