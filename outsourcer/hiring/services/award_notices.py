"""Who hears about an award: every bidder whose bid was decided, in-app (when they have an account)
and by e-mail inside their working hours — the winner that their bid was accepted, the declined ones
the organization's message, the alternates that they were kept as one."""

from django.urls import reverse

from outsourcer.contracts.models import Contract
from outsourcer.hiring.models import Bid, BidStatus, Job
from outsourcer.notifications.deferred import email_send_in_working_hours
from outsourcer.notifications.services import notification_create

BID_DECIDED_KIND = "bid_decided"
TEMPLATE = "emails/bid_decided.txt"


def _accepted(job: Job, contract: Contract) -> tuple[str, str]:
    message = (
        f"{job.organization.name} accepted your bid on “{job.title}”. "
        f"Your contract starts on {contract.starts_on:%d %b %Y}."
    )
    return f"Your bid was accepted: {job.title}", message


def _declined(job: Job, bid: Bid) -> tuple[str, str]:
    message = f"{job.organization.name} chose another bid for “{job.title}”. Their message: {bid.decision_message}"
    return f"Your bid on {job.title}", message


def _alternate(job: Job, bid: Bid) -> tuple[str, str]:
    message = f"{job.organization.name} kept your bid on “{job.title}” as an alternate. {bid.decision_message}"
    return f"Kept as an alternate: {job.title}", message


def _tell(job: Job, bid: Bid, *, subject: str, message: str) -> None:
    contractor = bid.contractor
    user = contractor.user if contractor.user is not None and contractor.user.is_active else None
    # A prospect without an account has no portal to open; the e-mail then carries no link.
    url = reverse("hiring-portal:job-detail", args=[job.pk]) if user is not None else ""
    if user is not None:
        notification_create(user=user, organization=job.organization, kind=BID_DECIDED_KIND, message=message, url=url)
    address = user.email if user is not None else contractor.email
    if address:
        email_send_in_working_hours(
            to=address,
            subject=f"{subject} ({job.organization.name})",
            template=TEMPLATE,
            context={"name": contractor.name, "message": message, "url": url},
            time_zone=contractor.time_zone,
            working_hours=contractor.working_hours,
        )


def award_notify(*, job: Job, winner: Bid, contract: Contract, others: list[Bid]) -> None:
    """Tell every bidder whose bid the award decided; call inside the award's transaction (the
    in-app notices commit with it, the e-mails go after it)."""
    subject, message = _accepted(job, contract)
    _tell(job, winner, subject=subject, message=message)
    for bid in others:
        subject, message = _declined(job, bid) if bid.status == BidStatus.DECLINED else _alternate(job, bid)
        _tell(job, bid, subject=subject, message=message)
