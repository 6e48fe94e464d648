"""E-mail that respects the recipient's working hours: a message written at 3 am their time waits
in the task queue (`run_after`) until their next working window opens, then goes out through the
one send path (`email_send_on_commit`), rendered at that moment."""

from datetime import datetime

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from outsourcer.lib.timezones import next_working_moment
from outsourcer.notifications.email import email_send_on_commit


@task
def email_deferred_send(to: str, subject: str, template: str, context: dict) -> None:
    """Worker entry point: send one e-mail whose time has come (arguments are JSON)."""
    email_send_on_commit(to=to, subject=subject, template=template, context=context)


def email_send_in_working_hours(
    *, to: str, subject: str, template: str, context: dict, time_zone: str, working_hours: dict | None
) -> datetime:
    """Send like `email_send_on_commit`, but not before the recipient's next working window; returns
    the moment it is due. `context` must be JSON (strings and numbers): a deferred message is a
    task row. A task backend that cannot defer (the immediate one of a laptop without a worker)
    sends at once."""
    now = timezone.now()
    due = next_working_moment(now, time_zone, working_hours)
    if due <= now or not email_deferred_send.get_backend().supports_defer:
        email_send_on_commit(to=to, subject=subject, template=template, context=context)
        return now
    deferred = email_deferred_send.using(run_after=due)
    transaction.on_commit(lambda: deferred.enqueue(to, subject, template, context))
    return due
