"""Every write for tasks and their milestones. A package with one module per side (the
organization's, the contractor's, milestones); import services from here."""

from outsourcer.work.services.calendar import (
    calendar_feed_create,
    calendar_feed_revoke,
    calendar_feed_rotate,
)
from outsourcer.work.services.contractor import task_accept, task_ask, task_decline, task_start, task_submit
from outsourcer.work.services.milestones import task_milestone_create
from outsourcer.work.services.tasks import (
    task_answer,
    task_cancel,
    task_cancel_all_for_organization,
    task_create,
    task_done,
    task_findings,
    task_revise,
    task_send,
    task_update,
)
from outsourcer.work.services.threads import (
    message_post,
    task_thread_subject,
    task_thread_subject_for_message,
    thread_mark_read,
)

__all__ = [
    "calendar_feed_create",
    "calendar_feed_revoke",
    "calendar_feed_rotate",
    "task_accept",
    "task_answer",
    "task_ask",
    "task_cancel",
    "task_cancel_all_for_organization",
    "task_create",
    "task_decline",
    "task_done",
    "task_findings",
    "task_milestone_create",
    "task_revise",
    "task_send",
    "task_start",
    "task_submit",
    "task_update",
    "message_post",
    "task_thread_subject",
    "task_thread_subject_for_message",
    "thread_mark_read",
]
