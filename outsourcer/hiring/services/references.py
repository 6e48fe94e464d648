"""Reference checks: asking a referee, their one answer through the e-mailed link, and the
worker's reminder and expiry.

The link signs (row id, nonce); the row keeps the nonce until the referee answers or the request
expires, and both clear it, so the link works once. Every change of a request's state is a
conditional UPDATE on the state it expects, so two answers, two reminders or an answer racing the
expiry each take effect once, on SQLite and PostgreSQL alike.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from outsourcer.accounts.models import User
from outsourcer.audit.events import event_record
from outsourcer.contractors.flows import ENGAGEMENT_FLOW
from outsourcer.contractors.models import Engagement, EngagementStatus
from outsourcer.contractors.services import engagement_status_change
from outsourcer.hiring import events
from outsourcer.hiring.flows import REFERENCE_FLOW
from outsourcer.hiring.models import ReferenceCheck, ReferenceStatus
from outsourcer.hiring.tokens import token_make, token_nonce
from outsourcer.lib.errors import DomainError
from outsourcer.lib.timezones import date_in
from outsourcer.lib.validation import Errors
from outsourcer.notifications.email import email_send_on_commit
from outsourcer.notifications.services import notification_create

__all__ = ["reference_answer", "reference_expire", "reference_remind", "reference_request"]

LINK_KIND = "reference"
MAX_OPEN_PER_ENGAGEMENT = 10
MAX_MONTHS = 600
MAX_COMMENTS = 5_000
RECEIVED_KIND = "reference_received"

ENDED = "The engagement has ended; references are asked while you are still deciding."
ALREADY_ASKED = "{name} has already been asked and has not answered yet."
TOO_MANY = f"At most {MAX_OPEN_PER_ENGAGEMENT} references can wait for an answer at once."
NOT_OPEN = "This questionnaire has already been answered or has expired."
SCORE = "Choose a score from 1 (poor) to 5 (excellent)."
HIRE = "Say whether you would work with them again."


def reference_link_max_age_seconds() -> int:
    """How old a questionnaire link may be (the row's `expires_at` is checked as well)."""
    return settings.REFERENCE_LINK_DAYS * 24 * 60 * 60


def reference_url(reference: ReferenceCheck) -> str:
    """The absolute questionnaire link for the request's current nonce."""
    token = token_make(kind=LINK_KIND, row_id=reference.pk, nonce=reference.token_nonce)
    return settings.SITE_URL + reverse("hiring-public:reference-answer", kwargs={"token": token})


def _vetting_path(reference: ReferenceCheck) -> str:
    return reverse(
        "hiring:vetting",
        kwargs={"org_slug": reference.organization.slug, "engagement_id": reference.engagement_id},
    )


def _payload(reference: ReferenceCheck) -> dict:
    return {
        "referee": reference.referee_name,
        "relationship": reference.relationship,
        "contractor": reference.contractor.name,
        "engagement_id": reference.engagement_id,
    }


def _email_referee(reference: ReferenceCheck, *, template: str, subject: str, requester: User | None) -> None:
    email_send_on_commit(
        to=reference.referee_email,
        subject=subject,
        template=template,
        context={
            "reference": reference,
            "organization": reference.organization,
            "contractor": reference.contractor,
            "requester": requester,
            "url": reference_url(reference),
            "expires_on": date_in(reference.expires_at, reference.organization.time_zone),
        },
    )


def reference_request(
    *, engagement: Engagement, actor: User, referee_name: str, referee_email: str, relationship: str
) -> ReferenceCheck:
    """Ask a referee about the engagement's contractor: e-mails them a single-use link that expires
    after REFERENCE_LINK_DAYS, and moves a prospect engagement to vetting."""
    errors = Errors()
    name = errors.text(referee_name, field="referee_name", label="Name", max_length=120)
    email = errors.email(referee_email, field="referee_email")
    relationship = errors.text(relationship, field="relationship", label="Relationship", max_length=200)
    errors.raise_if_any()
    if engagement.status == EngagementStatus.ENDED:
        raise DomainError(ENDED, code="engagement_ended")
    now = timezone.now()
    with transaction.atomic():
        engagement = (
            Engagement.objects.select_for_update().select_related("organization", "contractor").get(pk=engagement.pk)
        )
        waiting = ReferenceCheck.objects.filter(engagement=engagement, status=ReferenceStatus.REQUESTED)
        if waiting.filter(referee_email=email).exists():
            raise DomainError(ALREADY_ASKED.format(name=name), field="referee_email", code="already_asked")
        if waiting.count() >= MAX_OPEN_PER_ENGAGEMENT:
            raise DomainError(TOO_MANY, code="too_many_references")
        reference = ReferenceCheck.objects.create(
            organization=engagement.organization,
            engagement=engagement,
            contractor=engagement.contractor,
            referee_name=name,
            referee_email=email,
            relationship=relationship,
            token_nonce=token_nonce(),
            requested_by=actor,
            requested_at=now,
            expires_at=now + timedelta(days=settings.REFERENCE_LINK_DAYS),
        )
        event_record(
            action=events.REFERENCE_REQUESTED,
            organization=engagement.organization,
            actor=actor,
            obj=reference,
            after={**_payload(reference), "expires_at": reference.expires_at.isoformat()},
        )
        if engagement.status == EngagementStatus.PROSPECT and ENGAGEMENT_FLOW.allows(
            engagement.status, EngagementStatus.VETTING
        ):
            engagement_status_change(engagement=engagement, actor=actor, status=EngagementStatus.VETTING)
        _email_referee(
            reference,
            template="emails/reference_request.txt",
            subject=f"{engagement.organization.name} asks about {engagement.contractor.name}",
            requester=actor,
        )
    return reference


def _clean_answers(*, worked_together_months, reliability, quality, communication, would_hire_again, comments) -> dict:
    errors = Errors()
    answers = {
        "worked_together_months": errors.integer(
            worked_together_months,
            field="worked_together_months",
            label="Months worked together",
            maximum=MAX_MONTHS,
        ),
        "comments": errors.text(comments, field="comments", label="Comments", max_length=MAX_COMMENTS, required=False),
    }
    for field, value in (("reliability", reliability), ("quality", quality), ("communication", communication)):
        answers[field] = errors.integer(
            value, field=field, label=field.capitalize(), minimum=1, maximum=5, message=SCORE
        )
    if not isinstance(would_hire_again, bool):
        errors.add("would_hire_again", HIRE)
    answers["would_hire_again"] = would_hire_again
    errors.raise_if_any()
    return answers


def reference_answer(
    *,
    reference: ReferenceCheck,
    nonce: str,
    worked_together_months: int,
    reliability: int,
    quality: int,
    communication: int,
    would_hire_again: bool,
    comments: str = "",
) -> ReferenceCheck:
    """Record the referee's answers once (the link's `nonce` must still be the row's, the request
    still open and unexpired; else DomainError code "not_open"), clear the nonce and notify the
    member who asked, in-app."""
    answers = _clean_answers(
        worked_together_months=worked_together_months,
        reliability=reliability,
        quality=quality,
        communication=communication,
        would_hire_again=would_hire_again,
        comments=comments,
    )
    received = REFERENCE_FLOW.next(ReferenceStatus.REQUESTED, ReferenceStatus.RECEIVED)
    now = timezone.now()
    with transaction.atomic():
        # The conditional update is the claim: of two answers sent at once, one finds the nonce.
        claimed = ReferenceCheck.objects.filter(
            pk=reference.pk, status=ReferenceStatus.REQUESTED, expires_at__gt=now, token_nonce=nonce
        ).exclude(token_nonce="")
        if claimed.update(status=received, token_nonce="", received_at=now, **answers) != 1:
            raise DomainError(NOT_OPEN, code="not_open")
        reference = ReferenceCheck.objects.select_related("organization", "contractor", "requested_by").get(
            pk=reference.pk
        )
        event_record(
            action=events.REFERENCE_RECEIVED,
            organization=reference.organization,
            obj=reference,
            before={"status": ReferenceStatus.REQUESTED},
            after={**_payload(reference), "status": received, "would_hire_again": reference.would_hire_again},
        )
        if reference.requested_by is not None and reference.requested_by.is_active:
            notification_create(
                user=reference.requested_by,
                organization=reference.organization,
                kind=RECEIVED_KIND,
                message=f"{reference.referee_name} answered your reference request about {reference.contractor.name}.",
                url=_vetting_path(reference),
            )
    return reference


def reference_remind(*, now: datetime | None = None) -> int:
    """Send the one reminder to every referee who has not answered REFERENCE_REMINDER_DAYS after
    the request and whose link still works; returns how many were sent. Each reminder is claimed
    by a conditional UPDATE of `reminded_at` in its own transaction, so two workers, or a run
    restarted halfway, never remind anyone twice (at most once: a crash between the commit and
    the mail server loses that reminder rather than repeating it)."""
    now = now or timezone.now()
    due = ReferenceCheck.objects.filter(
        status=ReferenceStatus.REQUESTED,
        reminded_at__isnull=True,
        requested_at__lte=now - timedelta(days=settings.REFERENCE_REMINDER_DAYS),
        expires_at__gt=now,
    )
    sent = 0
    for reference_id in due.order_by("requested_at", "pk").values_list("pk", flat=True)[:500]:
        with transaction.atomic():
            if due.filter(pk=reference_id).update(reminded_at=now) != 1:
                continue  # answered, expired or reminded by another worker since the list was read
            reference = ReferenceCheck.objects.select_related("organization", "contractor", "requested_by").get(
                pk=reference_id
            )
            event_record(
                action=events.REFERENCE_REMINDED,
                organization=reference.organization,
                obj=reference,
                after=_payload(reference),
            )
            _email_referee(
                reference,
                template="emails/reference_reminder.txt",
                subject=f"Reminder: {reference.organization.name} asks about {reference.contractor.name}",
                requester=reference.requested_by,
            )
        sent += 1
    return sent


def reference_expire(*, now: datetime | None = None) -> int:
    """Mark every unanswered request whose link has expired as expired (its nonce cleared);
    returns how many. Safe to run on several workers at once: each row is claimed conditionally."""
    now = now or timezone.now()
    expired = REFERENCE_FLOW.next(ReferenceStatus.REQUESTED, ReferenceStatus.EXPIRED)
    due = ReferenceCheck.objects.filter(status=ReferenceStatus.REQUESTED, expires_at__lte=now)
    count = 0
    for reference_id in due.order_by("expires_at", "pk").values_list("pk", flat=True)[:500]:
        with transaction.atomic():
            if due.filter(pk=reference_id).update(status=expired, token_nonce="") != 1:
                continue
            reference = ReferenceCheck.objects.select_related("organization", "contractor").get(pk=reference_id)
            event_record(
                action=events.REFERENCE_EXPIRED,
                organization=reference.organization,
                obj=reference,
                before={"status": ReferenceStatus.REQUESTED},
                after={**_payload(reference), "status": expired},
            )
        count += 1
    return count
