from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class TaskStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SENT = "sent", "Sent"
    QUESTION = "question", "Question asked"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


# Statuses in which the work is still to be done or decided: the lists' default.
OPEN_STATUSES = (
    TaskStatus.DRAFT,
    TaskStatus.SENT,
    TaskStatus.QUESTION,
    TaskStatus.ACCEPTED,
    TaskStatus.DECLINED,
    TaskStatus.IN_PROGRESS,
    TaskStatus.SUBMITTED,
)
# What a contractor sees: a draft stays internal until it is sent.
CONTRACTOR_STATUSES = tuple(status for status in TaskStatus.values if status != TaskStatus.DRAFT)
# The brief may change while the contractor has not taken the task on yet.
EDITABLE_STATUSES = (TaskStatus.DRAFT, TaskStatus.QUESTION, TaskStatus.DECLINED)


class Priority(models.TextChoices):
    LOW = "low", "Low"
    NORMAL = "normal", "Normal"
    HIGH = "high", "High"


class Task(models.Model):
    """One unit of work for one contractor under one contract, with its brief.

    `contractor` and `engagement` are the contract's, kept beside it (as on contracts.TimeEntry) so
    the portal's list reads one index range. Threads, check-in cadences and reminders hang off the
    task (`task_id`) in their own tables.
    """

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.RESTRICT, related_name="+", db_index=False
    )
    contract = models.ForeignKey("contracts.Contract", on_delete=models.RESTRICT, related_name="tasks", db_index=False)
    contractor = models.ForeignKey(
        "contractors.Contractor", on_delete=models.RESTRICT, related_name="tasks", db_index=False
    )
    engagement = models.ForeignKey("contractors.Engagement", on_delete=models.RESTRICT, related_name="tasks")
    title = models.CharField(max_length=200)
    goal = models.TextField(blank=True)
    context = models.TextField(blank=True)
    deliverables = models.TextField(blank=True)
    deliverable_format = models.CharField(max_length=200, blank=True)
    acceptance_criteria = models.JSONField(default=list, blank=True)
    references = models.TextField(blank=True, help_text="Links, one per line.")
    deadline_at = models.DateTimeField(null=True, blank=True)
    estimate_minutes = models.PositiveIntegerField(null=True, blank=True)
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.NORMAL)
    point_of_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=12, choices=TaskStatus.choices, default=TaskStatus.DRAFT)
    decline_reason = models.CharField(max_length=500, blank=True)
    question = models.TextField(blank=True)
    answer = models.TextField(blank=True)
    brief_override_reason = models.CharField(max_length=500, blank=True)
    # Why the task was saved although it looked like work already with someone else (docs/similar.md).
    duplicate_override_reason = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(status__in=TaskStatus.values), name="task_status_valid"),
            models.CheckConstraint(condition=Q(priority__in=Priority.values), name="task_priority_valid"),
            # A declined task says why; a question asked is there to read.
            models.CheckConstraint(
                condition=~Q(status=TaskStatus.DECLINED) | ~Q(decline_reason=""), name="task_declined_has_reason"
            ),
            models.CheckConstraint(
                condition=~Q(status=TaskStatus.QUESTION) | ~Q(question=""), name="task_question_has_text"
            ),
            models.CheckConstraint(
                condition=Q(status=TaskStatus.DRAFT) | Q(status=TaskStatus.CANCELLED) | Q(sent_at__isnull=False),
                name="task_sent_at_once_sent",
            ),
        ]
        # Each list's filter, then its order (newest first, by id): a page is an index range scan.
        indexes = [
            models.Index(fields=["organization", "status", "id"], name="task_org_status"),
            models.Index(fields=["organization", "contractor", "status", "id"], name="task_org_contractor"),
            models.Index(fields=["organization", "id"], name="task_org"),
            models.Index(fields=["contractor", "status", "id"], name="task_contractor_status"),
            models.Index(fields=["contract", "status"], name="task_contract_status"),
            # The home's on-time chart: the tasks done since a day, with their deadline (an
            # index-only range instead of reading every task of the organization).
            models.Index(fields=["organization", "status", "done_at", "deadline_at"], name="task_org_done"),
        ]
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class TaskMilestone(models.Model):
    """A step of a task with its due date. Under a fixed-price contract it names one of the
    contract's payable milestones (the money stays there); otherwise it may carry an amount."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.RESTRICT, related_name="+", db_index=False
    )
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    due_on = models.DateField()
    amount_cents = models.PositiveBigIntegerField(null=True, blank=True)
    contract_milestone = models.ForeignKey(
        "contracts.Milestone", null=True, blank=True, on_delete=models.RESTRICT, related_name="task_milestones"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_cents__isnull=True) | Q(contract_milestone__isnull=True),
                name="task_milestone_money_once",
            ),
        ]
        indexes = [models.Index(fields=["organization", "due_on"], name="task_milestone_org_due")]
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title


from outsourcer.work.models_calendar import *  # noqa
from outsourcer.work.models_checkins import *  # noqa: E402, F403
