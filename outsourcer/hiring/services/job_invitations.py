"""Invitations to bid: contractors of the organization's directory, each e-mailed a link to the
job (and, without an account, the account invitation too)."""

import zoneinfo
from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from outsourcer.accounts.models import Invitation, User
from outsourcer.accounts.services import invitation_url
from outsourcer.audit.events import event_record
from outsourcer.contractors.models import Engagement, EngagementStatus
from outsourcer.contractors.services import contractor_invite
from outsourcer.hiring.events import jobs as events
from outsourcer.hiring.models import Job, JobInvitation, JobStatus
from outsourcer.hiring.selectors.jobs import job_portal_url
from outsourcer.hiring.services.jobs import _lock
from outsourcer.lib.errors import DomainError
from outsourcer.lib.timezones import is_time_zone
from outsourcer.lib.validation import Errors
from outsourcer.notifications.deferred import email_send_in_working_hours
from outsourcer.notifications.services import notification_create

MAX_INVITES = 50
NOT_OPEN_FOR_INVITES = "Open the job before inviting contractors; a draft is not visible to them."
CHOOSE_CONTRACTORS = "Choose at least one contractor to invite."
NOT_IN_DIRECTORY = "Choose contractors from your directory."
ENDED = "Your engagement with {name} has ended."
NO_EMAIL = "{name} has no e-mail address; add one on their page first."
TOO_MANY = "Invite at most {limit} contractors at a time."


def _engagements_to_invite(job: Job, engagement_ids: Sequence[int]) -> list[Engagement]:
    errors = Errors()
    ids = list(dict.fromkeys(engagement_ids))
    if not ids:
        errors.add("engagement_ids", CHOOSE_CONTRACTORS)
    elif len(ids) > MAX_INVITES:
        errors.add("engagement_ids", TOO_MANY.format(limit=MAX_INVITES))
    errors.raise_if_any()
    engagements = list(
        Engagement.objects.select_related("contractor")
        .filter(organization_id=job.organization_id, pk__in=ids)
        .order_by("contractor__name", "pk")
    )
    if len(engagements) != len(ids):
        errors.add("engagement_ids", NOT_IN_DIRECTORY)
    for engagement in engagements:
        contractor = engagement.contractor
        if engagement.status == EngagementStatus.ENDED:
            errors.add("engagement_ids", ENDED.format(name=contractor.name))
        elif not contractor.email:
            errors.add("engagement_ids", NO_EMAIL.format(name=contractor.name))
    errors.raise_if_any()
    return engagements


def _account_link(engagement: Engagement, actor: User) -> str:
    """The contractor's account invitation link: the pending one when there is one (no second
    e-mail), else a new one through the contractors' own invitation."""
    pending = (
        Invitation.objects.filter(
            engagement=engagement, accepted_at=None, revoked_at=None, expires_at__gt=timezone.now()
        )
        .order_by("-created_at")
        .first()
    )
    if pending is None:
        pending = contractor_invite(engagement=engagement, actor=actor)
    return invitation_url(pending)


def _send_invitation(job: Job, engagement: Engagement, actor: User, url: str) -> None:
    contractor = engagement.contractor
    organization = job.organization
    account_url = "" if contractor.has_account else _account_link(engagement, actor)
    zone = contractor.time_zone if is_time_zone(contractor.time_zone) else "UTC"
    due = ""
    if job.bids_due_at:
        local = timezone.localtime(job.bids_due_at, timezone=zoneinfo.ZoneInfo(zone))
        due = f"{local:%a} {local.day} {local:%b %Y, %H:%M} ({zone})"
    email_send_in_working_hours(
        to=contractor.email,
        subject=f"You're invited to bid on “{job.title}” for {organization.name}",
        template="emails/job_invitation.txt",
        context={
            "contractor": contractor.name,
            "organization": organization.name,
            "inviter": actor.display_name,
            "title": job.title,
            "goal": job.goal,
            "due": due,
            "url": url,
            "account_url": account_url,
        },
        time_zone=zone,
        working_hours=contractor.working_hours,
    )
    if contractor.user_id:
        notification_create(
            user=contractor.user,
            organization=organization,
            kind="job_invitation",
            message=f"{organization.name} invites you to bid on “{job.title}”.",
            url=url.removeprefix(settings.SITE_URL),
        )


def job_invite(*, job: Job, actor: User, engagement_ids: Sequence[int]) -> list[JobInvitation]:
    """Invite contractors of the organization's directory (by engagement id, not ended, with an
    e-mail address) to bid on an open job: one invitation each, e-mailed in their working hours; a
    contractor without an account gets the account invitation too. Inviting someone twice does
    nothing; returns the new invitations."""
    with transaction.atomic():
        locked = _lock(job)
        if locked.status != JobStatus.OPEN:
            raise DomainError(NOT_OPEN_FOR_INVITES, code="not_open")
        engagements = _engagements_to_invite(locked, engagement_ids)
        invited = set(
            JobInvitation.objects.filter(job=locked, engagement__in=engagements).values_list("contractor_id", flat=True)
        )
        fresh = [e for e in engagements if e.contractor_id not in invited]
        invitations = JobInvitation.objects.bulk_create(
            JobInvitation(
                organization_id=locked.organization_id,
                job=locked,
                contractor=engagement.contractor,
                engagement=engagement,
                invited_by=actor,
            )
            for engagement in fresh
        )
        if not invitations:
            return []
        url = job_portal_url(locked)
        for engagement in fresh:
            _send_invitation(locked, engagement, actor, url)
        event_record(
            action=events.JOB_CONTRACTORS_INVITED,
            organization=locked.organization,
            actor=actor,
            obj=locked,
            after={"contractors": [e.contractor.name for e in fresh]},
        )
    return invitations
