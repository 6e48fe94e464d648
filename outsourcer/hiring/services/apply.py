"""Applying through a job's share link: a newcomer becomes a prospect contractor of the organization
and bids, in one transaction (nothing is half-saved when the bid is refused)."""

from typing import Any

from django.db import transaction
from django.urls import reverse

from outsourcer.contractors.models import Engagement
from outsourcer.contractors.profiles import clean_profile
from outsourcer.contractors.services import contractor_create
from outsourcer.hiring.models import Bid, Job
from outsourcer.hiring.services.bids import _check_open, _clean_bid, bid_submit
from outsourcer.lib.errors import FieldErrors
from outsourcer.notifications.email import email_send_on_commit


def _tell_known_address(job: Job, email: str, name: str) -> None:
    # Whoever typed a known address sees the same page as a newcomer (the page must not reveal
    # whom the organization works with); the address's owner learns how to bid instead.
    email_send_on_commit(
        to=email,
        subject=f"Your application for {job.title}",
        template="emails/job_apply_known.txt",
        context={
            "name": name,
            "organization": job.organization.name,
            "job": job.title,
            "url": reverse("hiring-portal:job-list"),
        },
    )


def bid_apply(*, job: Job, name: str, email: str, company: str = "", terms: dict[str, Any]) -> Bid | None:
    """Create a prospect contractor (name, e-mail, company) with an engagement of the job's
    organization and submit their bid through the share link, all or nothing. The caller has
    checked the link. Every input is checked first; then, for an e-mail the organization already
    knows, nothing is saved (it would let anyone bid in someone else's name): that address gets
    an e-mail on how to bid, and None is returned. Raises FieldErrors or DomainError."""
    profile = {"name": name, "email": email, "company": company}
    if terms.get("currency"):
        profile["currency"] = terms["currency"]
    profile = clean_profile(profile)
    if not profile.get("email"):
        raise FieldErrors({"email": "Enter your e-mail address."})
    _check_open(job)
    _clean_bid(job, terms)
    with transaction.atomic():
        known = Engagement.objects.filter(
            organization_id=job.organization_id, contractor__email__iexact=profile["email"]
        ).exists()
        if known:
            _tell_known_address(job, profile["email"], profile["name"])
            return None
        engagement = contractor_create(organization=job.organization, actor=None, profile=profile)
        return bid_submit(job=job, contractor=engagement.contractor, actor=None, through_share_link=True, **terms)


__all__ = ["bid_apply"]
