"""A task's thread as messaging sees it: its key (messaging.selectors reads by it)."""

from outsourcer.messaging.subjects import ThreadKey
from outsourcer.work.models import Task


def task_thread_key(task: Task) -> ThreadKey:
    """The key of the task's one thread, between its organization and its contractor."""
    return ThreadKey(organization_id=task.organization_id, contractor_id=task.contractor_id, task_id=task.pk)
