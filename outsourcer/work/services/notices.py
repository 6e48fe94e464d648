"""Who hears about a task: the contractor when a brief is sent to them (in-app at once, by e-mail
inside their working hours), and the person who wrote the task when the contractor accepts,
declines or asks (in-app and by e-mail at once: organizations are not held to a window)."""

from django.urls import reverse

from outsourcer.notifications.deferred import email_send_in_working_hours
from outsourcer.notifications.email import email_send_on_commit
from outsourcer.notifications.services import notification_create
from outsourcer.work.models import Task

TASK_SENT_KIND = "task_sent"
TASK_REPLY_KIND = "task_reply"


def task_portal_url(task: Task) -> str:
    return reverse("tasks-portal:detail", kwargs={"task_id": task.pk})


def task_org_url(task: Task) -> str:
    return reverse("tasks:detail", kwargs={"org_slug": task.organization.slug, "task_id": task.pk})


def task_sent_notify(*, task: Task, again: bool = False) -> None:
    """Tell the contractor a brief waits for them (`again`: after their question was answered);
    call inside the sending transaction."""
    contractor = task.contractor
    user = contractor.user
    if user is None or not user.is_active:  # a prospect record without an account: nobody to tell
        return
    organization = task.organization
    if again:
        message = (
            f"{organization.name} answered your question about “{task.title}”. Accept it, decline it or ask again."
        )
    else:
        message = f"{organization.name} sent you a new task: “{task.title}”. Accept it, decline it or ask a question."
    url = task_portal_url(task)
    notification_create(user=user, organization=organization, kind=TASK_SENT_KIND, message=message, url=url)
    email_send_in_working_hours(
        to=user.email,
        subject=f"{'Answer on' if again else 'New task'}: {task.title} ({organization.name})",
        template="emails/task_sent.txt",
        context={"name": contractor.name, "message": message, "url": url},
        time_zone=contractor.time_zone,
        working_hours=contractor.working_hours,
    )


def task_reply_notify(*, task: Task, message: str, subject: str) -> None:
    """Tell the task's author what the contractor did with it; call inside the transaction."""
    author = task.created_by
    if author is None or not author.is_active:
        return
    url = task_org_url(task)
    notification_create(user=author, organization=task.organization, kind=TASK_REPLY_KIND, message=message, url=url)
    email_send_on_commit(
        to=author.email,
        subject=f"{subject}: {task.title} ({task.contractor.name})",
        template="emails/task_reply.txt",
        context={"name": author.display_name, "message": message, "url": url},
    )
