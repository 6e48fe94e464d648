"""Oversight: what the contractor hands over (deliverables and their versions), the owner's review
of it, feedback on accepted work, and the contractor's rating of the organization (PRODUCT.md,
mistakes 3 and 5).

Every row carries its organization and contractor, so the organization's lists and the portal's
are index range scans (STYLE.md, "Data design for speed"). A deliverable is handed over against a
task, or against one of the task's milestones; each hand-over is a new version, and every version
is kept. The latest version's review decides the deliverable's status.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class DeliverableStatus(models.TextChoices):
    SUBMITTED = "submitted", "Waiting for review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    ACCEPTED = "accepted", "Accepted"


class Deliverable(models.Model):
    """The work handed over for one task (milestone empty) or one of its milestones: one row, with
    as many versions as hand-overs."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.RESTRICT, related_name="+", db_index=False
    )
    task = models.ForeignKey("work.Task", on_delete=models.RESTRICT, related_name="handovers", db_index=False)
    milestone = models.ForeignKey(
        "work.TaskMilestone", null=True, blank=True, on_delete=models.RESTRICT, related_name="handovers"
    )
    contractor = models.ForeignKey(
        "contractors.Contractor", on_delete=models.RESTRICT, related_name="deliverables", db_index=False
    )
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=20, choices=DeliverableStatus.choices, default=DeliverableStatus.SUBMITTED)
    # The number of the latest version (1 for the first hand-over).
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    # When the latest version was handed over, and when the latest decision on it was taken.
    submitted_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    # The version whose wait the owners and managers were reminded of (services/review_reminders.py):
    # claimed with a conditional UPDATE, so each version reminds once.
    reminded_version = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(status__in=DeliverableStatus.values), name="deliverable_status_valid"),
            models.CheckConstraint(
                condition=~Q(status=DeliverableStatus.ACCEPTED) | Q(accepted_at__isnull=False),
                name="deliverable_accepted_at",
            ),
            # One deliverable per task and per milestone: a new hand-over is a new version.
            models.UniqueConstraint(
                fields=["task"], condition=Q(milestone__isnull=True), name="deliverable_one_per_task"
            ),
            models.UniqueConstraint(
                fields=["task", "milestone"], condition=Q(milestone__isnull=False), name="deliverable_one_per_milestone"
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "status", "submitted_at"], name="deliverable_org_status"),
            models.Index(fields=["organization", "task"], name="deliverable_org_task"),
            models.Index(fields=["contractor", "id"], name="deliverable_contractor"),
        ]
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return self.title


class DeliverableVersion(models.Model):
    """One hand-over: a note, links and files. Never changed once handed over."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.RESTRICT, related_name="+", db_index=False
    )
    deliverable = models.ForeignKey(Deliverable, on_delete=models.CASCADE, related_name="versions")
    contractor = models.ForeignKey(
        "contractors.Contractor", on_delete=models.RESTRICT, related_name="+", db_index=False
    )
    number = models.PositiveIntegerField()
    note = models.TextField(blank=True)
    links = models.JSONField(default=list, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["deliverable", "number"], name="deliverable_version_number"),
        ]
        ordering = ["deliverable_id", "-number"]

    def __str__(self) -> str:
        return f"{self.deliverable_id} v{self.number}"


class DeliverableFile(models.Model):
    """A file of a version: stored under a generated name (lib.uploads.upload_name), served only to
    the organization's people and the contractor, as a download with nosniff."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.RESTRICT, related_name="+", db_index=False
    )
    version = models.ForeignKey(DeliverableVersion, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="deliverables/%Y/%m/", max_length=255)
    name = models.CharField(max_length=200)
    size = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=10)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class ReviewDecision(models.TextChoices):
    ACCEPT = "accept", "Accepted"
    CHANGES = "changes", "Changes requested"


class ChangeReason(models.TextChoices):
    """Why changes were requested: structured, so the Health Check and the contractor's record can
    count them."""

    CRITERIA_NOT_MET = "criteria_not_met", "An acceptance criterion is not met"
    INCOMPLETE = "incomplete", "Something is missing"
    QUALITY = "quality", "The quality is not there yet"
    FORMAT = "format", "Wrong format or specification"
    ERRORS = "errors", "Errors or typos"
    OTHER = "other", "Something else (see the comment)"


class Review(models.Model):
    """The organization's decision on one version. `latency_minutes`: from the version's hand-over
    to this decision, in elapsed minutes."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.RESTRICT, related_name="+", db_index=False
    )
    deliverable = models.ForeignKey(Deliverable, on_delete=models.CASCADE, related_name="reviews", db_index=False)
    version = models.OneToOneField(DeliverableVersion, on_delete=models.CASCADE, related_name="review")
    contractor = models.ForeignKey(
        "contractors.Contractor", on_delete=models.RESTRICT, related_name="+", db_index=False
    )
    decision = models.CharField(max_length=10, choices=ReviewDecision.choices)
    reasons = models.JSONField(default=list, blank=True)
    comment = models.TextField(blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)
    latency_minutes = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(decision__in=ReviewDecision.values), name="review_decision_valid"),
        ]
        indexes = [
            models.Index(fields=["organization", "decided_at"], name="review_org_decided"),
            models.Index(fields=["contractor", "decided_at"], name="review_contractor_decided"),
            models.Index(fields=["deliverable", "id"], name="review_deliverable"),
        ]
        ordering = ["-decided_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} ({self.deliverable_id})"


RATING_RANGE = (1, 5)


class Feedback(models.Model):
    """The owner's feedback on accepted work: three ratings 1–5 and a comment the contractor reads;
    `private_note` stays inside the organization and is never shown to the contractor."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.RESTRICT, related_name="+", db_index=False
    )
    deliverable = models.OneToOneField(Deliverable, on_delete=models.CASCADE, related_name="feedback")
    task = models.ForeignKey("work.Task", on_delete=models.RESTRICT, related_name="+", db_index=False)
    contractor = models.ForeignKey(
        "contractors.Contractor", on_delete=models.RESTRICT, related_name="+", db_index=False
    )
    quality = models.PositiveSmallIntegerField()
    timeliness = models.PositiveSmallIntegerField()
    communication = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)
    private_note = models.TextField(blank=True)
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(quality__gte=1, quality__lte=5)
                & Q(timeliness__gte=1, timeliness__lte=5)
                & Q(communication__gte=1, communication__lte=5),
                name="feedback_ratings_1_to_5",
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "contractor", "created_at"], name="feedback_org_contractor"),
            models.Index(fields=["contractor", "id"], name="feedback_contractor"),
        ]
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Feedback on {self.deliverable_id}"


class OrganizationRating(models.Model):
    """The contractor's rating of the organization on one task: brief clarity, responsiveness and
    payment timeliness, 1–5. The organization sees only aggregates, and only from three ratings on
    (the Health Check)."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.RESTRICT, related_name="+", db_index=False
    )
    task = models.ForeignKey("work.Task", on_delete=models.RESTRICT, related_name="+", db_index=False)
    contractor = models.ForeignKey(
        "contractors.Contractor", on_delete=models.RESTRICT, related_name="+", db_index=False
    )
    brief_clarity = models.PositiveSmallIntegerField()
    responsiveness = models.PositiveSmallIntegerField()
    payment_timeliness = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(brief_clarity__gte=1, brief_clarity__lte=5)
                & Q(responsiveness__gte=1, responsiveness__lte=5)
                & Q(payment_timeliness__gte=1, payment_timeliness__lte=5),
                name="org_rating_1_to_5",
            ),
            models.UniqueConstraint(fields=["task", "contractor"], name="org_rating_once_per_task"),
        ]
        indexes = [
            models.Index(fields=["organization", "created_at"], name="org_rating_org"),
            models.Index(fields=["contractor", "id"], name="org_rating_contractor"),
        ]
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Rating of {self.organization_id} on {self.task_id}"


from outsourcer.oversight.models_feedback import *  # noqa: E402, F403
from outsourcer.oversight.models_health import *  # noqa: E402, F403
