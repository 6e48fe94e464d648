"""How hiring's rows follow a prospect record merged into a contractor's account.

Invitations and bids are one per job and contractor, so the prospect's row on a job the account
already holds cannot simply be repointed: a duplicate invitation is dropped, and a bid the
prospect no longer stands by (withdrawn or declined) gives way to the account's. Two live bids on
one job stop the merge with a message saying which job."""

from django.db.models import QuerySet

from outsourcer.contractors.models import Contractor
from outsourcer.hiring.models import Bid, BidStatus, JobInvitation
from outsourcer.lib.errors import DomainError

TWO_LIVE_BIDS = "Both records have a live bid on the job “{job}”: withdraw one of them before merging."


def invitations_move(rows: QuerySet, into: Contractor) -> None:
    held = JobInvitation.objects.filter(contractor=into).values("job_id")
    rows.filter(job_id__in=held).delete()
    rows.update(contractor=into)


def bids_move(rows: QuerySet, into: Contractor) -> None:
    held = Bid.objects.filter(contractor=into).values("job_id")
    clashing = rows.filter(job_id__in=held)
    live = clashing.exclude(status__in=[BidStatus.WITHDRAWN, BidStatus.DECLINED]).select_related("job").first()
    if live is not None:
        raise DomainError(TWO_LIVE_BIDS.format(job=live.job.title), code="merge_two_live_bids")
    clashing.delete()
    rows.update(contractor=into)
