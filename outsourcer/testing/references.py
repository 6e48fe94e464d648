"""Reference checks and company checks for tests, inserted directly (no services, no events), and
the referee persona: a reference request with its working questionnaire token."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from outsourcer.hiring.models import CompanyCheck, ReferenceCheck, ReferenceStatus
from outsourcer.hiring.services.references import LINK_KIND
from outsourcer.hiring.tokens import token_make, token_nonce

PDF = b"%PDF-1.7\n% evidence\n"
EVIDENCE_NAME = "evidence/access-matrix/registration.pdf"


def insert_reference(engagement, *, status=ReferenceStatus.REQUESTED, requested_by=None, **fields) -> ReferenceCheck:
    """A reference request about the engagement's contractor from Pat Referee, asked now and open
    for 14 days (answers filled in when `status` is received)."""
    now = timezone.now()
    values = {
        "referee_name": "Pat Referee",
        "referee_email": "pat@referee.example",
        "relationship": "Client for two years",
        "token_nonce": token_nonce() if status == ReferenceStatus.REQUESTED else "",
        "requested_at": now,
        "expires_at": now + timedelta(days=14),
    }
    if status == ReferenceStatus.RECEIVED:
        values.update(
            worked_together_months=24,
            reliability=5,
            quality=4,
            communication=4,
            would_hire_again=True,
            comments="Always on time.",
            received_at=now,
        )
    values.update(fields)
    return ReferenceCheck.objects.create(
        organization=engagement.organization,
        engagement=engagement,
        contractor=engagement.contractor,
        status=status,
        requested_by=requested_by,
        **values,
    )


def reference_token(reference: ReferenceCheck, *, nonce: str | None = None) -> str:
    """The questionnaire link's token for the request (its current nonce unless given)."""
    return token_make(kind=LINK_KIND, row_id=reference.pk, nonce=reference.token_nonce if nonce is None else nonce)


def referee_with_token(personas) -> tuple[ReferenceCheck, str]:
    """The referee persona: an open request about Carol from Crumb & Co., and the token of its link."""
    reference = insert_reference(personas.carol_engagement, requested_by=personas.bob)
    return reference, reference_token(reference)


def insert_evidence(engagement, *, item: str = "registration") -> CompanyCheck:
    """A verified checklist item with an evidence PDF on disk."""
    if not default_storage.exists(EVIDENCE_NAME):
        default_storage.save(EVIDENCE_NAME, ContentFile(PDF))
    return CompanyCheck.objects.create(
        organization=engagement.organization,
        engagement=engagement,
        item=item,
        status="verified",
        evidence=EVIDENCE_NAME,
        verified_at=timezone.now(),
    )
