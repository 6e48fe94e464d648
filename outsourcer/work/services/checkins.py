"""Check-ins: the organization sets a task's cadence; the contractor posts a status (on track, at
risk, blocked, % done, a note). "At risk" and "blocked" tell the task's author at once, in-app
and by e-mail."""

from django.db import transaction
from django.utils import timezone

from outsourcer.audit.events import event_record
from outsourcer.contractors.models import Contractor
from outsourcer.lib.errors import DomainError
from outsourcer.lib.validation import Errors
from outsourcer.notifications.email import email_send_on_commit
from outsourcer.notifications.services import notification_create
from outsourcer.work import events
from outsourcer.work.cadence import MAX_EVERY_DAYS, cadence_due_after
from outsourcer.work.models import CadenceKind, CheckIn, CheckInCadence, CheckInStatus, Task, TaskStatus
from outsourcer.work.models_checkins import ALERT_STATUSES
from outsourcer.work.services._moves import task_lock
from outsourcer.work.services.notices import task_org_url

CHECKIN_ALERT_KIND = "task_checkin_alert"
# A contractor checks in while the work is theirs to do.
CHECKIN_STATUSES = (TaskStatus.ACCEPTED, TaskStatus.IN_PROGRESS)
CADENCE_CLOSED = (TaskStatus.DONE, TaskStatus.CANCELLED)
MAX_NOTE = 2000
NOT_CHECKABLE = "You can check in once you have accepted the task, until you submit it."
CLOSED = "The task is closed: it needs no check-ins."
KIND = "Choose weekly or every N working days."
WEEKDAY = "Choose a weekday."
EVERY_DAYS = f"Choose a number of working days from 1 to {MAX_EVERY_DAYS}."
STATUS = "Choose on track, at risk or blocked."


def _payload(cadence: CheckInCadence) -> dict:
    return {"kind": cadence.kind, "weekday": cadence.weekday, "every_days": cadence.every_days}


def checkin_cadence_set(*, task: Task, actor, kind: str, weekday: int | None = None, every_days: int | None = None):
    """Set (or change) the task's check-in cadence; the next check-in is due at its first moment
    from now."""
    errors = Errors()
    errors.choice(kind, field="kind", choices=CadenceKind.values, message=KIND)
    if kind == CadenceKind.WEEKLY:
        errors.integer(weekday, field="weekday", label="Weekday", maximum=6, message=WEEKDAY)
        every_days = None
    elif kind == CadenceKind.WORKING_DAYS:
        errors.integer(
            every_days, field="every_days", label="Working days", minimum=1, maximum=MAX_EVERY_DAYS, message=EVERY_DAYS
        )
        weekday = None
    errors.raise_if_any()
    with transaction.atomic():
        task = task_lock(task)
        if task.status in CADENCE_CLOSED:
            raise DomainError(CLOSED)
        now = timezone.now()
        cadence = CheckInCadence.objects.filter(task=task).first() or CheckInCadence(
            organization=task.organization, task=task
        )
        before = _payload(cadence) if cadence.pk else None
        cadence.kind, cadence.weekday, cadence.every_days = kind, weekday, every_days
        cadence.anchor_at, cadence.missed_at, cadence.created_by = now, None, actor
        cadence.next_due_at = cadence_due_after(cadence, now, task.contractor)
        cadence.save()
        event_record(
            action=events.TASK_CHECKIN_CADENCE_SET,
            organization=task.organization,
            actor=actor,
            obj=task,
            before=before,
            after=_payload(cadence),
        )
    return cadence


def checkin_cadence_clear(*, task: Task, actor) -> None:
    """Stop the task's check-ins (nothing to do when it has none)."""
    with transaction.atomic():
        task = task_lock(task)
        cadence = CheckInCadence.objects.filter(task=task).first()
        if cadence is None:
            raise DomainError("The task has no check-ins to stop.")
        before = _payload(cadence)
        cadence.delete()
        event_record(
            action=events.TASK_CHECKIN_CADENCE_CLEARED,
            organization=task.organization,
            actor=actor,
            obj=task,
            before=before,
        )


def checkin_post(*, task: Task, contractor: Contractor, status: str, percent_done: int, note: str = "") -> CheckIn:
    """The contractor's status on their task; "at risk" or "blocked" tells the task's author at once."""
    errors = Errors()
    errors.choice(status, field="status", choices=CheckInStatus.values, message=STATUS)
    errors.integer(percent_done, field="percent_done", label="% done", maximum=100)
    note = errors.text(note, field="note", label="Note", max_length=MAX_NOTE, required=False)
    errors.raise_if_any()
    with transaction.atomic():
        task = task_lock(task)
        if task.contractor_id != contractor.pk or task.status not in CHECKIN_STATUSES:
            raise DomainError(NOT_CHECKABLE)
        now = timezone.now()
        CheckIn.objects.filter(task=task, is_latest=True).update(is_latest=False)
        checkin = CheckIn.objects.create(
            organization=task.organization,
            task=task,
            contractor=contractor,
            status=status,
            percent_done=percent_done,
            note=note,
            created_at=now,
        )
        cadence = CheckInCadence.objects.select_for_update().filter(task=task).first()
        if cadence is not None:
            cadence.last_checkin_at, cadence.missed_at = now, None
            cadence.next_due_at = cadence_due_after(cadence, now, contractor)
            cadence.save(update_fields=["last_checkin_at", "missed_at", "next_due_at", "updated_at"])
        event_record(
            action=events.TASK_CHECKED_IN,
            organization=task.organization,
            actor=contractor.user,
            obj=task,
            after={"checkin_status": status, "percent_done": percent_done, "note": note},
        )
        if status in ALERT_STATUSES:
            _alert(task, checkin)
    return checkin


def _alert(task: Task, checkin: CheckIn) -> None:
    author = task.created_by
    if author is None or not author.is_active:
        return
    url = task_org_url(task)
    words = events.CHECKIN_STATUS_WORDS[checkin.status]
    message = f"{task.contractor.name} checked in on “{task.title}”: {words}, {checkin.percent_done} % done."
    if checkin.note:
        message += f" “{checkin.note}”"
    notification_create(user=author, organization=task.organization, kind=CHECKIN_ALERT_KIND, message=message, url=url)
    email_send_on_commit(
        to=author.email,
        subject=f"{words.capitalize()}: {task.title} ({task.contractor.name})",
        template="emails/task_checkin_alert.txt",
        context={"name": author.display_name, "message": message, "url": url},
    )
