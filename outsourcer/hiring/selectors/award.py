"""What the award page reads: the bid, where its contractor stands against the vetting policy, the
other open bids, the contract terms the bid becomes and what the budget guard would say of them."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from outsourcer.accounts.models import User
from outsourcer.budgets.periods import today_for
from outsourcer.hiring.models import Bid, BidStatus, JobStatus
from outsourcer.hiring.services.award import bid_award_check
from outsourcer.hiring.services.award_terms import award_terms
from outsourcer.hiring.vetting import VettingResult, vetting_result
from outsourcer.lib.errors import DomainError, OverrideRequired

OPEN_BIDS = (BidStatus.SUBMITTED, BidStatus.ALTERNATE)


@dataclass(frozen=True)
class AwardPage:
    """`terms` is None when the bid leaves a needed term open (`problem` says which); `budget_guard`
    is the over-budget refusal the award would meet without an owner's override."""

    bid: Bid
    vetting: VettingResult
    others: list[Bid]
    winner: Bid | None
    terms: dict[str, Any] | None
    problem: DomainError | None
    budget_guard: OverrideRequired | None

    @property
    def is_open(self) -> bool:
        return self.bid.job.status in (JobStatus.OPEN, JobStatus.CLOSED) and self.bid.status in OPEN_BIDS


def bid_list_other_open(*, bid: Bid) -> list[Bid]:
    """The job's other submitted bids and alternates, cheapest first, with their contractors."""
    return list(
        Bid.objects.select_related("contractor")
        .filter(job_id=bid.job_id, status__in=OPEN_BIDS)
        .exclude(pk=bid.pk)
        .order_by("total_budget_cents", "pk")
    )


def award_page_get(*, bid: Bid, actor: User, may_override_budget: bool = False, today: date | None = None) -> AwardPage:
    """Everything the award page shows of `bid` (from access_bid, with its job and budget). Checks
    the terms against the budget by a rolled-back award (services.bid_award_check), so nothing is saved."""
    job = bid.job
    winner = None
    if job.status == JobStatus.AWARDED:
        winner = Bid.objects.select_related("contractor").filter(job=job, status=BidStatus.AWARDED).first()
    vetting = vetting_result(organization=job.organization, engagement_id=bid.engagement_id)
    page = {"bid": bid, "vetting": vetting, "winner": winner, "terms": None, "problem": None, "budget_guard": None}
    page["others"] = bid_list_other_open(bid=bid) if winner is None else []
    if AwardPage(**page).is_open:
        today = today or today_for(job.organization)
        try:
            page["terms"] = award_terms(bid=bid, today=today)
        except DomainError as exc:
            page["problem"] = exc
        else:
            check = bid_award_check(bid=bid, actor=actor, may_override_budget=may_override_budget, today=today)
            if isinstance(check, OverrideRequired):
                page["budget_guard"] = check
            else:
                page["problem"] = check
    return AwardPage(**page)
