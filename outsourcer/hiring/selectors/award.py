"""What the award page reads: the bid, where its contractor stands against the vetting policy, the
other open bids, the contract terms the bid becomes and what the budget guard would say of them."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from outsourcer.budgets.periods import today_for
from outsourcer.contractors.models import EngagementStatus
from outsourcer.contracts.services import contract_activation_check
from outsourcer.hiring.models import Bid, BidStatus, JobStatus
from outsourcer.hiring.services.award_terms import award_terms
from outsourcer.hiring.vetting import VettingResult, vetting_result
from outsourcer.lib.errors import DomainError, FieldErrors, OverrideRequired

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


def _budget_check(bid: Bid, terms: dict[str, Any], *, may_override: bool, today: date) -> DomainError | None:
    job = bid.job
    try:
        return contract_activation_check(
            organization=job.organization,
            budget=job.budget,
            contractor=bid.contractor,
            may_override=may_override,
            today=today,
            **terms,
        )
    except FieldErrors as exc:
        # An ended engagement is made active by the award before its contract is created.
        if set(exc.errors) == {"contractor"} and bid.engagement.status == EngagementStatus.ENDED:
            return None
        return exc
    except DomainError as exc:
        return exc


def award_page_get(*, bid: Bid, may_override_budget: bool = False, today: date | None = None) -> AwardPage:
    """Everything the award page shows of `bid` (from access_bid, with its job and budget),
    including the over-budget guard's verdict on the contract it would become; saves nothing."""
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
            check = _budget_check(bid, page["terms"], may_override=may_override_budget, today=today)
            page["budget_guard" if isinstance(check, OverrideRequired) else "problem"] = check
    return AwardPage(**page)
