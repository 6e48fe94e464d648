"""A bidder's private Q&A thread with the organization on a job, one per (job, contractor):
messaging's services (messaging/services.py) with the job as the subject. The contractor asks the
organization, the organization answers that contractor only; an answer that is not urgent waits
for the bidder's working window like every message from an organization."""

from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse

from outsourcer.accounts.models import User
from outsourcer.contractors.models import Contractor
from outsourcer.hiring import events
from outsourcer.hiring.models import Job
from outsourcer.messaging import services as messaging
from outsourcer.messaging.models import Message
from outsourcer.messaging.subjects import ThreadKey, ThreadSubject

MESSAGE_KIND = "job_message"


def job_thread_key(job: Job, contractor: Contractor) -> ThreadKey:
    """The key of the bidder's Q&A thread on `job` (messaging.selectors reads by it)."""
    return ThreadKey(organization_id=job.organization_id, contractor_id=contractor.pk, job_id=job.pk)


def job_thread_subject(job: Job, contractor: Contractor) -> ThreadSubject:
    """The job as the subject of one bidder's thread: the job's author hears of questions in the
    app, the bidder of answers in the app and by e-mail (at their own address while a prospect)."""
    org_url = reverse(
        "hiring:job-thread",
        kwargs={"org_slug": job.organization.slug, "job_id": job.pk, "contractor_id": contractor.pk},
    )
    return ThreadSubject(
        key=job_thread_key(job, contractor),
        organization=job.organization,
        contractor=contractor,
        title=job.title,
        org_url=org_url,
        portal_url=reverse("hiring-portal:job-detail", kwargs={"job_id": job.pk}),
        notice_kind=MESSAGE_KIND,
        email_template="emails/job_message.txt",
        event_action=events.JOB_MESSAGE_POSTED,
        org_recipients=(job.created_by,) if job.created_by is not None else (),
        email_organization=False,
        email_prospect=True,
        contractor_verb="asked",
        organization_verb="answered",
        event_after={"job": job.title},
    )


def job_thread_subject_for_message(message: Message) -> ThreadSubject:
    """The worker's way to the subject of a held answer (registered in HiringConfig.ready)."""
    job = Job.objects.select_related("organization", "created_by").get(pk=message.job_id)
    contractor = Contractor.objects.select_related("user").get(pk=message.contractor_id)
    return job_thread_subject(job, contractor)


def job_message_post(
    *,
    job: Job,
    contractor: Contractor,
    actor: User | None,
    body: str = "",
    from_contractor: bool,
    urgent: bool = False,
    attachment: UploadedFile | None = None,
) -> Message:
    """messaging.services.message_post on the contractor's Q&A thread on `job` (`from_contractor`:
    the contractor asks; otherwise the organization answers). The caller has checked access."""
    return messaging.message_post(
        subject=job_thread_subject(job, contractor),
        actor=actor,
        body=body,
        from_contractor=from_contractor,
        urgent=urgent,
        attachment=attachment,
    )


def job_messages_mark_read(*, job: Job, contractor: Contractor, by_contractor: bool) -> int:
    """Mark the other side's delivered, unread messages of the thread read (`by_contractor`: the
    contractor reads the organization's answers); returns how many."""
    return messaging.thread_mark_read(key=job_thread_key(job, contractor), by_contractor=by_contractor)


__all__ = [
    "job_message_post",
    "job_messages_mark_read",
    "job_thread_key",
    "job_thread_subject",
    "job_thread_subject_for_message",
]
