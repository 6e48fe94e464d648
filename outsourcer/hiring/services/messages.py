"""A bidder's private Q&A thread with the organization on a job: one thread per (job, contractor).
The contractor writes to the organization, the organization answers that contractor only."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from outsourcer.accounts.models import User
from outsourcer.audit.events import event_record
from outsourcer.contractors.models import Contractor
from outsourcer.hiring import events
from outsourcer.hiring.models import Job, JobMessage
from outsourcer.lib.validation import Errors
from outsourcer.notifications.deferred import email_send_in_working_hours
from outsourcer.notifications.services import notification_create

MAX_MESSAGE = 4_000
MESSAGE_KIND = "job_message"
QUOTE_LENGTH = 120


def _quote(body: str) -> str:
    one_line = " ".join(body.split())
    return one_line if len(one_line) <= QUOTE_LENGTH else one_line[: QUOTE_LENGTH - 1] + "…"


def _portal_url(job: Job) -> str:
    return reverse("hiring-portal:job-detail", kwargs={"job_id": job.pk})


def _org_url(job: Job, contractor: Contractor) -> str:
    return reverse(
        "hiring:job-thread",
        kwargs={"org_slug": job.organization.slug, "job_id": job.pk, "contractor_id": contractor.pk},
    )


def _tell_organization(job: Job, contractor: Contractor, body: str) -> None:
    user = job.created_by
    if user is None or not user.is_active:
        return
    notification_create(
        user=user,
        organization=job.organization,
        kind=MESSAGE_KIND,
        message=f"{contractor.name} asked about “{job.title}”: {_quote(body)}",
        url=_org_url(job, contractor),
    )


def _tell_contractor(job: Job, contractor: Contractor, body: str) -> None:
    url = _portal_url(job)
    user = contractor.user
    if user is not None and user.is_active:
        notification_create(
            user=user,
            organization=job.organization,
            kind=MESSAGE_KIND,
            message=f"{job.organization.name} answered about “{job.title}”: {_quote(body)}",
            url=url,
        )
    address = user.email if user is not None else contractor.email
    if not address:
        return
    # An answer is not urgent: it reaches the contractor inside their working hours.
    email_send_in_working_hours(
        to=address,
        subject=f"{job.organization.name} answered about {job.title}",
        template="emails/job_message.txt",
        context={
            "name": contractor.name,
            "organization": job.organization.name,
            "job": job.title,
            "body": body,
            "url": url,
            "has_account": user is not None,
        },
        time_zone=contractor.time_zone,
        working_hours=contractor.working_hours,
    )


def job_message_post(
    *, job: Job, contractor: Contractor, actor: User | None, body: str, from_contractor: bool
) -> JobMessage:
    """Add a message to the contractor's Q&A thread on `job` (`from_contractor`: the contractor
    asks; otherwise the organization answers). The other side's earlier messages count as read;
    the other side is told in-app, the contractor also by e-mail inside their working hours.
    The caller has checked access. Raises FieldErrors for an empty or too long body."""
    errors = Errors()
    body = errors.text(body, field="body", label="Message", max_length=MAX_MESSAGE)
    errors.raise_if_any()
    now = timezone.now()
    with transaction.atomic():
        message = JobMessage.objects.create(
            organization_id=job.organization_id,
            job=job,
            contractor=contractor,
            author=actor if actor is not None and actor.is_authenticated else None,
            from_contractor=from_contractor,
            body=body,
            created_at=now,
        )
        # Answering means the question was read (and the other way round).
        JobMessage.objects.filter(
            job=job, contractor=contractor, from_contractor=not from_contractor, read_at=None
        ).update(read_at=now)
        event_record(
            action=events.JOB_MESSAGE_POSTED,
            organization=job.organization,
            actor=actor,
            obj=message,
            after={"job": job.title, "contractor": contractor.name, "from_contractor": from_contractor},
        )
        if from_contractor:
            _tell_organization(job, contractor, body)
        else:
            _tell_contractor(job, contractor, body)
    return message


def job_messages_mark_read(*, job: Job, contractor: Contractor, by_contractor: bool) -> int:
    """Mark the other side's unread messages of the thread read (`by_contractor`: the contractor
    reads the organization's answers); returns how many."""
    return JobMessage.objects.filter(
        job=job, contractor=contractor, from_contractor=not by_contractor, read_at=None
    ).update(read_at=timezone.now())


__all__ = ["job_message_post", "job_messages_mark_read"]
