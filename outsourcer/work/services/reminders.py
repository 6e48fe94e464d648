"""Reminders about tasks, delivered by the worker (work/jobs.py): the deadline approaching
(settings.TASK_DEADLINE_REMINDER_HOURS before it), the deadline passed, and a check-in missing.
Each goes to the contractor inside their working hours and, for deadlines, to the task's author.

`reminders_plan` writes one due row per reminder (the unique key kind + task + recipient + due
moment makes a second run, or a second worker, write nothing new); `reminders_send` claims each
row whose time has come with a conditional UPDATE and sends it in the same transaction. So two
workers never send the same reminder, and a restart never sends one twice: a run that dies before
its commit leaves the row unclaimed (nothing was sent: e-mails go on commit) and the next run
sends it; one that dies after the commit but before the mail server took the e-mail loses that
e-mail rather than repeating it (the in-app notification is there). A claimed row without
`sent_at` was no longer relevant when its turn came and is never retried.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from outsourcer.audit.events import event_record
from outsourcer.lib.timezones import local_time_text, next_working_moment
from outsourcer.lib.working_time import previous_working_end
from outsourcer.notifications.email import email_send_on_commit
from outsourcer.notifications.services import notification_create
from outsourcer.work import events
from outsourcer.work.cadence import cadence_due_after
from outsourcer.work.models import CheckInCadence, Reminder, ReminderKind, Task, TaskStatus
from outsourcer.work.services.notices import task_org_url, task_portal_url

# The work is the contractor's to do: deadlines and check-ins are watched in these statuses.
WATCHED = (TaskStatus.ACCEPTED, TaskStatus.IN_PROGRESS)
BATCH = 500
PLAN_AHEAD = timedelta(days=8)
REMINDER_KIND = "task_reminder"


def _lead() -> timedelta:
    return timedelta(hours=settings.TASK_DEADLINE_REMINDER_HOURS)


def _contractor_send_at(task: Task, moment: datetime, *, before: datetime | None = None) -> datetime:
    """The next working moment of the contractor from `moment`; when that is not `before` (the
    deadline) — no working time left between them — the end of their last window before `moment`."""
    contractor = task.contractor
    send_at = next_working_moment(moment, contractor.time_zone, contractor.working_hours)
    if before is not None and send_at >= before:
        earlier = previous_working_end(moment, time_zone=contractor.time_zone, working_hours=contractor.working_hours)
        send_at = earlier if earlier is not None else send_at
    return send_at


def _rows_for_deadline(task: Task, kind: str, now: datetime) -> list[Reminder]:
    soon = kind == ReminderKind.DEADLINE_SOON
    moment = max(now, task.deadline_at - _lead() if soon else task.deadline_at)
    rows = []
    contractor_user = task.contractor.user
    if contractor_user is not None:
        rows.append((contractor_user, _contractor_send_at(task, moment, before=task.deadline_at if soon else None)))
    if task.created_by is not None and task.created_by != contractor_user:
        rows.append((task.created_by, moment))
    return [
        Reminder(
            organization_id=task.organization_id,
            kind=kind,
            task=task,
            recipient=user,
            due_at=task.deadline_at,
            send_at=send_at,
            created_at=now,
        )
        for user, send_at in rows
    ]


def _deadline_rows(now: datetime) -> list[Reminder]:
    rows = []
    for kind, window in (
        # Planned ahead: when the lead time holds no working hour of the contractor, theirs goes
        # at the end of their last window before it (see _contractor_send_at).
        (ReminderKind.DEADLINE_SOON, {"deadline_at__gt": now, "deadline_at__lte": now + _lead() + PLAN_AHEAD}),
        (ReminderKind.OVERDUE, {"deadline_at__lte": now}),
    ):
        known = Reminder.objects.filter(task=OuterRef("pk"), kind=kind, due_at=OuterRef("deadline_at"))
        tasks = (
            Task.objects.filter(status__in=WATCHED, **window)
            .exclude(Exists(known))
            .select_related("contractor", "contractor__user", "created_by")
            .order_by("deadline_at", "pk")[:BATCH]
        )
        for task in tasks:
            rows.extend(_rows_for_deadline(task, kind, now))
    return rows


def _checkin_rows(now: datetime) -> list[Reminder]:
    rows = []
    cadences = (
        CheckInCadence.objects.filter(next_due_at__lte=now, task__status__in=WATCHED)
        .select_related("task", "task__contractor", "task__contractor__user")
        .order_by("next_due_at", "pk")[:BATCH]
    )
    for cadence in cadences:
        task, contractor = cadence.task, cadence.task.contractor
        # Counted from the last check-in, or from when the cadence was set or the task accepted.
        anchor = max(m for m in (cadence.anchor_at, cadence.last_checkin_at, task.accepted_at) if m is not None)
        # A due moment a former run passed on already is later than the anchor's first one.
        due = max(cadence_due_after(cadence, anchor, contractor), cadence.next_due_at)
        following = cadence_due_after(cadence, max(due, now), contractor)
        changed = {"next_due_at": following if due <= now else due}
        if due <= now:
            changed["missed_at"] = cadence.missed_at or due
            if contractor.user is not None:
                rows.append(
                    Reminder(
                        organization_id=task.organization_id,
                        kind=ReminderKind.CHECKIN_MISSING,
                        task=task,
                        recipient=contractor.user,
                        due_at=due,
                        send_at=_contractor_send_at(task, due),
                        created_at=now,
                    )
                )
        # Conditional: a check-in posted meanwhile (or another worker) has moved it on already.
        CheckInCadence.objects.filter(pk=cadence.pk, next_due_at=cadence.next_due_at).update(**changed)
    return rows


def reminders_plan(*, now: datetime | None = None) -> int:
    """Write the due rows of every reminder that has become due (deadlines near or passed, check-ins
    missed); a row that exists already is left alone. Returns how many rows were offered."""
    now = now or timezone.now()
    rows = _deadline_rows(now) + _checkin_rows(now)
    Reminder.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _still_due(reminder: Reminder, now: datetime) -> bool:
    task = reminder.task
    if task.status not in WATCHED:
        return False
    if reminder.kind == ReminderKind.CHECKIN_MISSING:
        cadence = CheckInCadence.objects.filter(task=task).first()
        return cadence is not None and cadence.missed_at is not None
    if reminder.kind == ReminderKind.DEADLINE_SOON and now >= reminder.due_at:
        return False  # too late to be "approaching": the overdue reminder says it
    return task.deadline_at == reminder.due_at


def _message(reminder: Reminder, *, for_contractor: bool) -> tuple[str, str]:
    task = reminder.task
    contractor = task.contractor
    zone = contractor.time_zone if for_contractor else task.organization.time_zone
    when = local_time_text(reminder.due_at, zone)
    whose = "your" if for_contractor else f"{contractor.name}'s"
    if reminder.kind == ReminderKind.DEADLINE_SOON:
        return "Deadline approaching", f"The task “{task.title}” ({whose} work) is due {when} ({zone})."
    if reminder.kind == ReminderKind.OVERDUE:
        return "Overdue", f"The task “{task.title}” ({whose} work) was due {when} ({zone}) and is not submitted yet."
    return "Check-in missing", (
        f"Your check-in on “{task.title}” for {task.organization.name} was due {when} ({zone}). "
        "Post a short status: on track, at risk or blocked."
    )


def _deliver(reminder: Reminder) -> None:
    task, user = reminder.task, reminder.recipient
    for_contractor = user.pk == task.contractor.user_id
    subject, message = _message(reminder, for_contractor=for_contractor)
    url = task_portal_url(task) if for_contractor else task_org_url(task)
    notification_create(user=user, organization=task.organization, kind=REMINDER_KIND, message=message, url=url)
    email_send_on_commit(
        to=user.email,
        subject=f"{subject}: {task.title}",
        template="emails/task_reminder.txt",
        context={"name": user.display_name, "message": message, "url": url},
    )
    event_record(
        action=events.TASK_REMINDER_SENT,
        organization=task.organization,
        obj=task,
        after={"kind": reminder.kind, "recipient": user.display_name, "due_at": reminder.due_at.isoformat()},
    )


def reminders_send(*, now: datetime | None = None) -> int:
    """Send every planned reminder whose time has come, each claimed by a conditional UPDATE in its
    own transaction; returns how many were sent."""
    now = now or timezone.now()
    waiting = Reminder.objects.filter(claimed_at__isnull=True, send_at__lte=now)
    sent = 0
    for reminder_id in waiting.order_by("send_at", "pk").values_list("pk", flat=True)[:BATCH]:
        with transaction.atomic():
            if waiting.filter(pk=reminder_id).update(claimed_at=now) != 1:
                continue  # another worker took it since the list was read
            reminder = Reminder.objects.select_related(
                "recipient", "task", "task__organization", "task__contractor"
            ).get(pk=reminder_id)
            if not reminder.recipient.is_active or not _still_due(reminder, now):
                continue
            _deliver(reminder)
            Reminder.objects.filter(pk=reminder_id).update(sent_at=now)
        sent += 1
    return sent
