"""Applying through a job's share link: a newcomer becomes a prospect contractor of the organization
and bids, in one transaction (nothing is half-saved when the bid is refused)."""

from typing import Any

from django.db import transaction

from outsourcer.contractors.models import Engagement
from outsourcer.contractors.services import contractor_create
from outsourcer.hiring.models import Bid, Job
from outsourcer.hiring.services.bids import bid_submit
from outsourcer.lib.errors import DomainError
from outsourcer.lib.validation import Errors

KNOWN_EMAIL = (
    "{organization} already knows this e-mail address. If you have an account, sign in and bid from "
    "your portal; otherwise ask {organization} to invite you."
)


def bid_apply(*, job: Job, name: str, email: str, company: str = "", terms: dict[str, Any]) -> Bid:
    """Create a prospect contractor (name, e-mail, company) with an engagement of the job's
    organization and submit their bid through the share link, all or nothing. The caller has
    checked the link. An e-mail the organization already knows is refused (it would let anyone
    bid in someone else's name). Raises FieldErrors or DomainError."""
    errors = Errors()
    email = errors.email(email)
    errors.raise_if_any()
    with transaction.atomic():
        known = Engagement.objects.filter(organization_id=job.organization_id, contractor__email__iexact=email).exists()
        if known:
            raise DomainError(KNOWN_EMAIL.format(organization=job.organization.name), field="email", code="known_email")
        profile = {"name": name, "email": email, "company": company, "currency": terms.get("currency") or ""}
        if not profile["currency"]:
            profile.pop("currency")
        engagement = contractor_create(organization=job.organization, actor=None, profile=profile)
        return bid_submit(job=job, contractor=engagement.contractor, actor=None, through_share_link=True, **terms)


__all__ = ["bid_apply"]
