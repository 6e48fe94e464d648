"""Reads of jobs for the organization's pages and API, the links a job is reached by (the portal
page, the public share link) and the share link's check for the public apply page."""

from collections.abc import Iterable

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from outsourcer.accounts.models import Organization
from outsourcer.contractors.models import Engagement, EngagementStatus
from outsourcer.hiring.models import Bid, BidStatus, Job, JobInvitation, JobStatus
from outsourcer.hiring.tokens import TokenExpired, TokenInvalid, token_make, token_read
from outsourcer.lib.errors import DomainError
from outsourcer.lib.money import format_money

SHARE_KIND = "job-share"
# The longest a share link can be made for (services.jobs.MAX_SHARE_DAYS); the row's own
# expiry is the real bound, this only keeps a forged-old signature from being read at all.
SHARE_MAX_AGE_SECONDS = 90 * 24 * 60 * 60
DEFAULT_STATUSES = (JobStatus.OPEN, JobStatus.DRAFT)


class JobShareLinkUnusable(DomainError):
    """A share link that cannot be used; `code` says why: "invalid" (altered or unknown),
    "revoked" (revoked or replaced by a newer link), "expired", or "closed" (the job no longer
    takes bids: closed, cancelled, awarded, or its bid deadline passed)."""

    status_code = 410

    def __init__(self, message: str, *, code: str):
        super().__init__(message, code=code)


SHARE_INVALID = "This link is not valid. Check that it was copied whole, or ask for a new one."
SHARE_REVOKED = "This link has been withdrawn. Ask the organization for a new one."
SHARE_EXPIRED = "This link has expired. Ask the organization for a new one."
SHARE_CLOSED = "“{title}” no longer takes bids: it is {status}."
SHARE_DUE = "Bids on “{title}” were due {due}; it no longer takes new ones."


def job_list_for_organization(*, organization: Organization, statuses: Iterable[str] = ()) -> QuerySet[Job]:
    """The organization's jobs with `statuses` (every status when empty), newest first, with their
    budget and the numbers of invitations and (not withdrawn) bids; ordered down to the id, so the
    API pages through it by keyset."""
    invitations = (
        JobInvitation.objects.filter(job=OuterRef("pk")).order_by().values("job").annotate(n=Count("pk")).values("n")
    )
    bids = (
        Bid.objects.filter(job=OuterRef("pk"))
        .exclude(status=BidStatus.WITHDRAWN)
        .order_by()
        .values("job")
        .annotate(n=Count("pk"))
        .values("n")
    )
    jobs = Job.objects.filter(organization=organization).select_related("budget")
    statuses = [s for s in statuses if s]
    if statuses:
        jobs = jobs.filter(status__in=statuses)
    return jobs.annotate(
        invitation_count=Coalesce(Subquery(invitations, output_field=IntegerField()), Value(0)),
        bid_count=Coalesce(Subquery(bids, output_field=IntegerField()), Value(0)),
    ).order_by("-created_at", "-pk")


def job_invitation_list_for_job(*, job: Job) -> QuerySet[JobInvitation]:
    """The job's invitations with their contractor and the status of the contractor's bid (None
    before they bid), by name."""
    bid_status = Bid.objects.filter(job=job, contractor=OuterRef("contractor")).values("status")[:1]
    return (
        JobInvitation.objects.filter(job=job)
        .select_related("contractor", "engagement")
        .annotate(bid_status=Subquery(bid_status))
        .order_by("contractor__name", "pk")
    )


def job_bid_summary(*, job: Job) -> list[Bid]:
    """The job's bids (contractor, total in the budget's currency, status), lowest total first."""
    return list(Bid.objects.filter(job=job).select_related("contractor").order_by("status", "total_budget_cents", "pk"))


def job_invite_choices(*, job: Job) -> list[tuple[int, str]]:
    """(engagement id, "Name" + a hint) for the directory's contractors who may still be invited to
    the job: not ended, with an e-mail address, not invited yet; by name (one query)."""
    rows = (
        Engagement.objects.filter(organization_id=job.organization_id)
        .exclude(status=EngagementStatus.ENDED)
        .exclude(contractor__email="")
        .exclude(contractor__job_invitations__job=job)
        .order_by("contractor__name", "pk")
        .values_list("pk", "contractor__name", "contractor__user_id", "status")
    )
    labels = dict(EngagementStatus.choices)
    return [
        (pk, f"{name} ({labels[status].lower()}{'' if user_id else ', no account yet'})")
        for pk, name, user_id, status in rows
    ]


def expected_text(job: Job) -> str:
    """ "€2,000.00 – €4,000.00", "€2,000.00", "up to €4,000.00" or "" in the budget's currency."""
    currency = job.budget.currency
    low, high = job.expected_min_cents, job.expected_max_cents
    if low is not None and high is not None and low != high:
        return f"{format_money(low, currency)} – {format_money(high, currency)}"
    if low is not None:
        return format_money(low, currency)
    if high is not None:
        return f"up to {format_money(high, currency)}"
    return ""


# --- links -----------------------------------------------------------------------------------


def job_portal_url(job: Job) -> str:
    """The absolute address of the job's page in the contractor portal."""
    return settings.SITE_URL + reverse("hiring-portal:job-detail", args=[job.pk])


def job_share_token(job: Job) -> str:
    """The token of the job's current share link, or "" when it has none."""
    return token_make(kind=SHARE_KIND, row_id=job.pk, nonce=job.share_nonce) if job.share_nonce else ""


def job_share_url(job: Job) -> str:
    """The absolute address of the job's current share link (the public apply page), or ""."""
    token = job_share_token(job)
    if not token:
        return ""
    try:
        return settings.SITE_URL + reverse("hiring-public:job-apply", args=[token])
    except NoReverseMatch:  # the public apply page is not mounted
        return ""


def job_share_is_live(job: Job) -> bool:
    return bool(job.share_nonce) and job.share_expires_at is not None and job.share_expires_at > timezone.now()


def job_for_share_token(token: str) -> Job:
    """The open job a share link names, with its organization and budget; raises
    JobShareLinkUnusable whose `code` tells an invalid, revoked or expired link and a job that no
    longer takes bids apart (its message says so to the applicant)."""
    try:
        data = token_read(token or "", kind=SHARE_KIND, max_age_seconds=SHARE_MAX_AGE_SECONDS)
    except TokenExpired:
        raise JobShareLinkUnusable(SHARE_EXPIRED, code="expired") from None
    except TokenInvalid:
        raise JobShareLinkUnusable(SHARE_INVALID, code="invalid") from None
    job = Job.objects.select_related("organization", "budget").filter(pk=data.row_id).first()
    if job is None or not data.nonce:
        raise JobShareLinkUnusable(SHARE_INVALID, code="invalid")
    if job.share_nonce != data.nonce:
        raise JobShareLinkUnusable(SHARE_REVOKED, code="revoked")
    now = timezone.now()
    if job.share_expires_at is None or job.share_expires_at <= now:
        raise JobShareLinkUnusable(SHARE_EXPIRED, code="expired")
    if job.status != JobStatus.OPEN:
        raise JobShareLinkUnusable(
            SHARE_CLOSED.format(title=job.title, status=job.get_status_display().lower()), code="closed"
        )
    if job.bids_due_at is not None and job.bids_due_at <= now:
        due = timezone.localtime(job.bids_due_at)
        raise JobShareLinkUnusable(
            SHARE_DUE.format(title=job.title, due=f"{due.day} {due:%b %Y, %H:%M}"), code="closed"
        )
    return job
