"""The thread's part of the two task pages: the message form and what the thread partial shows
(`thread_context`), shared by the task pages and the thread's own views."""

from django.urls import reverse
from django.utils import timezone

from outsourcer.messaging import selectors
from outsourcer.messaging.forms import MessageForm
from outsourcer.messaging.views import arrival, held_now, with_arrivals
from outsourcer.work.models import Task, TaskStatus
from outsourcer.work.selectors_threads import task_thread_key


def thread_context(
    task: Task, *, by_contractor: bool, may_write: bool = True, form: MessageForm | None = None, posted=None
) -> dict:
    """What the thread partial needs on either task page (`posted`: the message just sent)."""
    now = timezone.now()
    if by_contractor:
        rows = selectors.thread_messages_for_contractor(key=task_thread_key(task))
    else:
        rows = selectors.thread_messages_for_organization(key=task_thread_key(task))
    messages = with_arrivals(rows, task.contractor, now)
    if form is None:
        form = MessageForm(for_contractor=by_contractor)
    return {
        "thread_task": task,
        "thread_messages": messages,
        "thread_form": form,
        "thread_by_contractor": by_contractor,
        "thread_unread": any(m.read_at is None and m.from_contractor != by_contractor for m, _ in messages),
        "thread_held_now": not by_contractor and held_now(task.contractor, now),
        "thread_posted": posted,
        # A draft has not reached the contractor: there is nobody to write to yet.
        "thread_may_write": may_write and task.status != TaskStatus.DRAFT,
        "thread_posted_arrival": arrival(posted, task.contractor, now) if posted is not None else "",
        "thread_post_url": thread_url(task, by_contractor, "post"),
        "thread_read_url": thread_url(task, by_contractor, "read"),
    }


def thread_url(task: Task, by_contractor: bool, what: str, **kwargs) -> str:
    if by_contractor:
        return reverse(f"tasks-portal:messages-{what}", kwargs={"task_id": task.pk, **kwargs})
    return reverse(f"tasks:messages-{what}", kwargs={"org_slug": task.organization.slug, "task_id": task.pk, **kwargs})
