"""Reads of bids and Q&A threads: the contractor's jobs across organizations (their own bid only),
a job's bids and threads for the organization, and the job a share link opens."""

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from outsourcer.accounts.models import Organization
from outsourcer.contractors.models import Contractor
from outsourcer.hiring.models import (
    Bid,
    BidRevision,
    BidStatus,
    Interview,
    InterviewStatus,
    Job,
    JobInvitation,
    JobStatus,
)
from outsourcer.lib.access import one_or_404
from outsourcer.messaging.models import Message

SHARE_KIND = "job-share"
# The signature's own bound; the job's `share_expires_at` is the link's real expiry.
SHARE_MAX_AGE_SECONDS = 366 * 24 * 3600


def job_list_for_contractor(*, contractor: Contractor, organization_id: int | None = None) -> QuerySet[Job]:
    """Jobs the contractor was invited to or bid on (never drafts), newest first, each with the
    contractor's own bid (`my_bid_status`, `my_bid_total_cents`, `my_bid_currency`) and how many
    delivered answers they have not read (`unread_count`). Nothing about other bids or the budget."""
    mine = Bid.objects.filter(job=OuterRef("pk"), contractor=contractor)
    unread = (
        Message.objects.filter(
            contractor=contractor,
            job=OuterRef("pk"),
            from_contractor=False,
            read_at=None,
            deliver_at__lte=timezone.now(),
        )
        .order_by()
        .values("job")
        .annotate(n=Count("pk"))
        .values("n")
    )
    jobs = (
        Job.objects.filter(
            Exists(JobInvitation.objects.filter(job=OuterRef("pk"), contractor=contractor)) | Exists(mine)
        )
        .exclude(status=JobStatus.DRAFT)
        .select_related("organization")
        .annotate(
            my_bid_status=Subquery(mine.values("status")[:1]),
            my_bid_total_cents=Subquery(mine.values("total_cents")[:1]),
            my_bid_currency=Subquery(mine.values("currency")[:1]),
            unread_count=Subquery(unread[:1]),
        )
        .order_by("-opened_at", "-pk")
    )
    if organization_id:
        jobs = jobs.filter(organization_id=organization_id)
    return jobs


def organization_choices_for_contractor(*, contractor: Contractor) -> list[tuple[int, str]]:
    """(id, name) of the organizations that invited the contractor to a job or got a bid from them."""
    invited = JobInvitation.objects.filter(contractor=contractor).values("organization_id")
    bid_on = Bid.objects.filter(contractor=contractor).values("organization_id")
    return list(
        Organization.objects.filter(Q(pk__in=invited) | Q(pk__in=bid_on)).order_by("name").values_list("pk", "name")
    )


def bid_get_for_contractor(*, job: Job, contractor: Contractor) -> Bid | None:
    """The contractor's own bid on `job` with its revisions (newest first), or None."""
    return Bid.objects.filter(job=job, contractor=contractor).prefetch_related(_revisions_newest_first()).first()


def _revisions_newest_first() -> Prefetch:
    return Prefetch("revisions", queryset=BidRevision.objects.order_by("-number"))


def bid_list_for_job(*, job: Job) -> QuerySet[Bid]:
    """The job's bids with their contractors, cheapest (in the budget's currency) first."""
    return Bid.objects.filter(job=job).select_related("contractor").order_by("total_budget_cents", "pk")


def thread_list_for_job(*, job: Job) -> QuerySet[Message]:
    """One row per bidder's thread on `job`: `contractor_id`, `contractor__name`, `message_count`,
    `unread_count` (the bidder's messages nobody read yet) and `last_at`, latest first."""
    return (
        Message.objects.filter(organization_id=job.organization_id, job=job)
        .values("contractor_id", "contractor__name")
        .annotate(
            message_count=Count("pk"),
            unread_count=Count("pk", filter=Q(from_contractor=True, read_at=None)),
            last_at=Max("created_at"),
        )
        .order_by("-last_at", "contractor_id")
    )


def job_bidder_get(*, job: Job, contractor_id: int) -> Contractor:
    """A contractor invited to `job` or bidding on it (the other side of a Q&A thread), or 404."""
    return one_or_404(
        Contractor.objects.filter(
            Exists(JobInvitation.objects.filter(job=job, contractor=OuterRef("pk")))
            | Exists(Bid.objects.filter(job=job, contractor=OuterRef("pk"))),
            pk=contractor_id,
        )
    )


def portal_hiring_counts(*, contractor: Contractor) -> dict[str, int]:
    """For the portal's home: open jobs waiting for the contractor's bid (`to_bid`), their bids still
    under consideration (`bids`) and their upcoming interviews (`interviews`); two queries."""
    counts = job_list_for_contractor(contractor=contractor).aggregate(
        to_bid=Count("pk", filter=Q(status=JobStatus.OPEN, my_bid_status=None)),
        bids=Count("pk", filter=Q(my_bid_status__in=(BidStatus.SUBMITTED, BidStatus.ALTERNATE))),
    )
    counts["interviews"] = Interview.objects.filter(
        contractor=contractor, status=InterviewStatus.SCHEDULED, starts_at__gte=timezone.now()
    ).count()
    return counts


__all__ = [
    "bid_get_for_contractor",
    "bid_list_for_job",
    "job_bidder_get",
    "job_list_for_contractor",
    "organization_choices_for_contractor",
    "portal_hiring_counts",
    "thread_list_for_job",
]
