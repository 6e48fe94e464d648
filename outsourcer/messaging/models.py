"""Threads between an organization and one contractor, and their messages: a task's thread (work)
and a bidder's private Q&A on a job (hiring) in one store.

The subject is a lazy foreign key, never an import (docs/architecture.md): `task` ("work.Task") or
`job` ("hiring.Job"), exactly one of the two (a check constraint). A task has one thread; a job has
one per bidder (job, contractor). Every row carries the organization and the contractor, and every
index leads with one of them, so the organization's and the portal's reads are index range scans.
Read state is per side and per message (`read_at`: when the other side read it). A message from the
organization is `deliver_at` later than `created_at` when it was held for the contractor's next
working window; the contractor sees only messages with `deliver_at <= now`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

# Exactly one subject: a task or a job.
ONE_SUBJECT = Q(task__isnull=False, job__isnull=True) | Q(task__isnull=True, job__isnull=False)


class Thread(models.Model):
    """The conversation about one task, or one bidder's about one job, with the organization."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.RESTRICT, related_name="+", db_index=False
    )
    task = models.OneToOneField("work.Task", null=True, blank=True, on_delete=models.CASCADE, related_name="thread")
    job = models.ForeignKey("hiring.Job", null=True, blank=True, on_delete=models.CASCADE, related_name="threads")
    contractor = models.ForeignKey(
        "contractors.Contractor", on_delete=models.RESTRICT, related_name="+", db_index=False
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=ONE_SUBJECT, name="thread_one_subject"),
            models.UniqueConstraint(
                fields=["job", "contractor"], condition=Q(job__isnull=False), name="thread_job_contractor"
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "task"], name="thread_org_task"),
            models.Index(fields=["contractor", "task"], name="thread_contractor_task"),
        ]

    def __str__(self) -> str:
        return f"Thread on task {self.task_id}" if self.task_id else f"Thread on job {self.job_id}"


class Message(models.Model):
    """One message of a thread: text, and at most one attachment."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.RESTRICT, related_name="+", db_index=False
    )
    task = models.ForeignKey(
        "work.Task", null=True, blank=True, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    job = models.ForeignKey(
        "hiring.Job", null=True, blank=True, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    contractor = models.ForeignKey(
        "contractors.Contractor", on_delete=models.RESTRICT, related_name="+", db_index=False
    )
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages", db_index=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    from_contractor = models.BooleanField()
    body = models.TextField(blank=True)
    urgent = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    # When the contractor may see it: created_at, or the start of their next working window.
    deliver_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # Stored under a generated name (lib.uploads.upload_name); served only to the thread's parties.
    attachment = models.FileField(upload_to="messages/%Y/%m/", blank=True, max_length=255)
    attachment_name = models.CharField(max_length=200, blank=True)
    attachment_size = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(body="") | ~Q(attachment=""), name="message_has_content"),
            models.CheckConstraint(condition=Q(deliver_at__gte=models.F("created_at")), name="message_not_early"),
            models.CheckConstraint(condition=ONE_SUBJECT, name="message_one_subject"),
        ]
        indexes = [
            models.Index(fields=["organization", "task", "id"], name="message_org_task"),
            models.Index(fields=["contractor", "task", "deliver_at"], name="message_contractor_task"),
            # A job's threads (the organization) and one bidder's (the portal).
            models.Index(fields=["organization", "job", "contractor", "id"], name="message_org_job"),
            models.Index(fields=["contractor", "job", "deliver_at"], name="message_contractor_job"),
            # The nav's unread counts: only unread rows are in these.
            models.Index(
                fields=["organization", "id"],
                condition=Q(from_contractor=True, read_at=None),
                name="message_org_unread",
            ),
            models.Index(
                fields=["contractor", "deliver_at"],
                condition=Q(from_contractor=False, read_at=None),
                name="message_contractor_unread",
            ),
        ]
        ordering = ["id"]

    def __str__(self) -> str:
        return (
            f"Message {self.pk} on task {self.task_id}" if self.task_id else f"Message {self.pk} on job {self.job_id}"
        )


__all__ = ["Message", "Thread"]
