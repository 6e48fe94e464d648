"""Reads for reference checks and the company checklist: an engagement's lists, and what a
referee's link leads to."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from outsourcer.contractors.models import Engagement
from outsourcer.hiring.models import CompanyCheck, CompanyCheckItem, ReferenceCheck, ReferenceStatus
from outsourcer.hiring.services.references import LINK_KIND, reference_link_max_age_seconds
from outsourcer.hiring.tokens import TokenExpired, TokenInvalid, token_read

__all__ = [
    "ReferenceLink",
    "company_check_get",
    "company_check_list_for_engagement",
    "reference_from_token",
    "reference_list_for_engagement",
]

# What a questionnaire link leads to.
LINK_OPEN, LINK_ANSWERED, LINK_EXPIRED, LINK_INVALID = "open", "answered", "expired", "invalid"


@dataclass(frozen=True)
class ReferenceLink:
    state: str
    reference: ReferenceCheck | None = None
    nonce: str = ""


def reference_list_for_engagement(*, engagement: Engagement) -> QuerySet[ReferenceCheck]:
    """The engagement's reference checks, newest first, with who asked."""
    return (
        ReferenceCheck.objects.filter(organization_id=engagement.organization_id, engagement=engagement)
        .select_related("requested_by", "contractor")
        .order_by("-requested_at", "-pk")
    )


def company_check_list_for_engagement(*, engagement: Engagement) -> list[CompanyCheck]:
    """Every checklist item in the checklist's order: the saved row, or an unsaved pending one."""
    saved = {
        check.item: check
        for check in CompanyCheck.objects.filter(
            organization_id=engagement.organization_id, engagement=engagement
        ).select_related("verified_by")
    }
    return [
        saved.get(item) or CompanyCheck(organization_id=engagement.organization_id, engagement=engagement, item=item)
        for item in CompanyCheckItem.values
    ]


def company_check_get(*, engagement: Engagement, item: str) -> CompanyCheck | None:
    """The engagement's saved row for one checklist item, or None."""
    return CompanyCheck.objects.filter(
        organization_id=engagement.organization_id, engagement=engagement, item=item
    ).first()


def reference_from_token(token: str) -> ReferenceLink:
    """What a questionnaire link leads to: an open request (with the link's nonce), one already
    answered, an expired one, or nothing (altered, another kind of link, or unknown)."""
    try:
        data = token_read(token[:1000], kind=LINK_KIND, max_age_seconds=reference_link_max_age_seconds())
    except TokenExpired:
        return ReferenceLink(LINK_EXPIRED)
    except TokenInvalid:
        return ReferenceLink(LINK_INVALID)
    reference = ReferenceCheck.objects.select_related("organization", "contractor").filter(pk=data.row_id).first()
    if reference is None:
        return ReferenceLink(LINK_INVALID)
    if reference.status == ReferenceStatus.RECEIVED:
        return ReferenceLink(LINK_ANSWERED, reference)
    if reference.status == ReferenceStatus.EXPIRED or reference.expires_at <= timezone.now():
        return ReferenceLink(LINK_EXPIRED, reference)
    if not data.nonce or data.nonce != reference.token_nonce:
        return ReferenceLink(LINK_INVALID)
    return ReferenceLink(LINK_OPEN, reference, data.nonce)
