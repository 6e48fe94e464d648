"""Check-ins and reminders of tasks: a task's cadence, the contractor's check-ins, and the due rows
the worker claims and sends (deadline approaching, overdue, check-in missing)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from outsourcer.lib.timezones import WEEKDAY_LABELS

__all__ = ["CheckIn", "CheckInCadence", "CheckInStatus", "CadenceKind", "Reminder", "ReminderKind"]


class CadenceKind(models.TextChoices):
    WEEKLY = "weekly", "Weekly"
    WORKING_DAYS = "working_days", "Every N working days"


class CheckInCadence(models.Model):
    """How often the contractor checks in on a task: weekly on a weekday, or every N of their
    working days; due at the end of their working window that day (17:00 their time on a day off).

    `next_due_at` is the next due moment (kept by the services and the reminder job, so the job
    and the home page read an index); `missed_at` the first due moment that passed without a
    check-in, cleared by the next check-in."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.RESTRICT, related_name="+", db_index=False
    )
    task = models.OneToOneField("work.Task", on_delete=models.CASCADE, related_name="checkin_cadence")
    kind = models.CharField(max_length=12, choices=CadenceKind.choices)
    weekday = models.PositiveSmallIntegerField(null=True, blank=True, help_text="0 = Monday … 6 = Sunday")
    every_days = models.PositiveSmallIntegerField(null=True, blank=True)
    anchor_at = models.DateTimeField(default=timezone.now)
    next_due_at = models.DateTimeField()
    missed_at = models.DateTimeField(null=True, blank=True)
    last_checkin_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="weekly") & Q(weekday__lte=6) & Q(every_days__isnull=True))
                | (Q(kind="working_days") & Q(weekday__isnull=True) & Q(every_days__gte=1) & Q(every_days__lte=30)),
                name="checkin_cadence_shape",
            ),
        ]
        indexes = [
            models.Index(fields=["next_due_at"], name="checkin_cadence_due"),
            models.Index(fields=["organization", "next_due_at"], name="checkin_cadence_org_due"),
        ]

    def __str__(self) -> str:
        return f"Check-ins {self.description}"

    @property
    def description(self) -> str:
        """ "weekly on Monday" / "every 3 working days"."""
        if self.kind == CadenceKind.WEEKLY and self.weekday is not None:
            return f"weekly on {list(WEEKDAY_LABELS.values())[self.weekday]}"
        return "every working day" if self.every_days == 1 else f"every {self.every_days} working days"


class CheckInStatus(models.TextChoices):
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    BLOCKED = "blocked", "Blocked"


# The statuses that tell the task's author at once and put the task on the home page.
ALERT_STATUSES = (CheckInStatus.AT_RISK, CheckInStatus.BLOCKED)


class CheckIn(models.Model):
    """One status the contractor posted on a task. `is_latest` marks the task's newest one (the
    services keep it), so "tasks at risk" is one index range."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.RESTRICT, related_name="+", db_index=False
    )
    task = models.ForeignKey("work.Task", on_delete=models.CASCADE, related_name="checkins", db_index=False)
    contractor = models.ForeignKey("contractors.Contractor", on_delete=models.RESTRICT, related_name="+")
    status = models.CharField(max_length=10, choices=CheckInStatus.choices)
    percent_done = models.PositiveSmallIntegerField()
    note = models.TextField(blank=True)
    is_latest = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(status__in=CheckInStatus.values), name="checkin_status_valid"),
            models.CheckConstraint(condition=Q(percent_done__lte=100), name="checkin_percent_done_range"),
            models.UniqueConstraint(fields=["task"], condition=Q(is_latest=True), name="checkin_one_latest"),
        ]
        indexes = [
            models.Index(fields=["task", "-id"], name="checkin_task"),
            models.Index(fields=["organization", "is_latest", "status"], name="checkin_org_latest"),
        ]
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.get_status_display()}, {self.percent_done} %"


class ReminderKind(models.TextChoices):
    DEADLINE_SOON = "deadline_soon", "Deadline approaching"
    OVERDUE = "overdue", "Overdue"
    CHECKIN_MISSING = "checkin_missing", "Check-in missing"


class Reminder(models.Model):
    """One reminder to one person about one task, due once. `due_at` is the moment it is about
    (the deadline, or the check-in's due moment) and with kind, task and recipient the key that
    makes it exist once; `send_at` is when it may go (inside the contractor's working hours).

    The worker claims a row with a conditional UPDATE (`claimed_at` from NULL) in the same
    transaction that writes the notification and queues the e-mail for the commit, and sets
    `sent_at` there too. A row claimed but never sent was found no longer relevant when its turn
    came (the task moved on, the deadline changed, the check-in arrived): it is never retried."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.RESTRICT, related_name="+", db_index=False
    )
    kind = models.CharField(max_length=16, choices=ReminderKind.choices)
    task = models.ForeignKey("work.Task", on_delete=models.CASCADE, related_name="reminders", db_index=False)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    due_at = models.DateTimeField()
    send_at = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "task", "recipient", "due_at"], name="reminder_once"),
            models.CheckConstraint(condition=Q(kind__in=ReminderKind.values), name="reminder_kind_valid"),
            models.CheckConstraint(
                condition=Q(sent_at__isnull=True) | Q(claimed_at__isnull=False), name="reminder_sent_once_claimed"
            ),
        ]
        indexes = [
            models.Index(fields=["send_at"], condition=Q(claimed_at__isnull=True), name="reminder_waiting"),
        ]
        ordering = ["send_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} reminder"
