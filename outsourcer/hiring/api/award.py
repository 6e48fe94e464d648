"""API: awarding a job to a bid, and the organization's vetting policy (mounted at /hiring).

The award answers 409 with `details` when a guard needs an owner's override — `code`
"vetting_required" (repeat with `override_reason`) or "over_budget" (repeat with
`budget_override_reason`) — and 409 "already_awarded" when another award won the job first."""

from typing import Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema

from outsourcer.accounts.own_work import access_not_own_work
from outsourcer.api.auth import org_context
from outsourcer.api.errors import with_errors
from outsourcer.api.schemas import Day, ObjectId, Text, WeekMinutes
from outsourcer.hiring import services
from outsourcer.hiring.access import access_bid, access_job
from outsourcer.hiring.models import Bid, BidStatus, Job, VettingPolicy
from outsourcer.hiring.services.award import MAX_MESSAGE
from outsourcer.hiring.services.policy import MAX_REQUIRED
from outsourcer.hiring.vetting import vetting_policy_get
from outsourcer.lib.limits import MAX_BULK_IDS, MAX_MONTH_MINUTES

router = Router(tags=["hiring"])

OtherChoice = Literal["decline", "alternate"]
Reason = Text(500)


class AwardIn(Schema):
    mode: Literal["decline_all", "keep_alternates"] = Field(
        "decline_all", description="What becomes of the job's other open bids, unless `others` says otherwise"
    )
    others: dict[ObjectId, OtherChoice] = Field(
        {}, max_length=MAX_BULK_IDS, description="Another open bid's id → decline or alternate"
    )
    message: Text(MAX_MESSAGE, multiline=True) = Field(
        "", description="To the declined bidders; empty sends a courteous default"
    )
    override_reason: Reason = Field("", description="Owners only: award to a contractor who has not passed vetting")
    budget_override_reason: Reason = Field("", description="Owners only: activate the contract over budget")
    starts_on: Day | None = Field(None, description="Default: the bid's proposed start, or today when it has passed")
    ends_on: Day | None = Field(None, description="Default: the bid's finish date, or the job's deadline")
    weekly_cap_minutes: WeekMinutes | None = Field(None, description="Hourly: default spread from the estimate")
    included_minutes: int | None = Field(
        None, ge=0, le=MAX_MONTH_MINUTES, description="Retainer: hours included per month, in minutes"
    )


class AwardOut(Schema):
    job_id: int
    bid_id: int
    contract_id: int
    contract_status: str
    job_status: str
    bid_status: str
    vetting_overridden: bool
    declined: list[int]
    alternates: list[int]


class VettingPolicyIO(Schema):
    min_interviews: int = Field(ge=0, le=MAX_REQUIRED, description="Interviews with at least one scorecard")
    min_references: int = Field(ge=0, le=MAX_REQUIRED, description="References received")
    require_company_checks: bool = Field(description="Every company-checklist item verified")


class VettingPolicyOut(VettingPolicyIO):
    is_default: bool = Field(description="True until an owner first changes the policy")


def _policy(policy: VettingPolicy) -> dict:
    return {
        "min_interviews": policy.min_interviews,
        "min_references": policy.min_references,
        "require_company_checks": policy.require_company_checks,
        "is_default": policy.pk is None,
    }


@router.post(
    "/jobs/{job_id}/bids/{bid_id}/award",
    operation_id="bid_award",
    response=with_errors({200: AwardOut}, 409, write=True),
)
def bid_award(request: HttpRequest, job_id: ObjectId, bid_id: ObjectId, payload: AwardIn):
    """Award the job to the bid: its contract is created and activated, the other open bids are
    declined or kept as alternates, every bidder is told."""
    ctx = org_context(request, "job.award")
    bid = access_bid(ctx, bid_id, job=access_job(ctx, job_id))
    access_not_own_work(ctx, bid.contractor)  # nobody awards work to themselves
    contract = services.bid_award(
        bid=bid,
        actor=ctx.user,
        may_override=ctx.may("vetting.override"),
        may_override_budget=ctx.may("contract.override"),
        **payload.model_dump(),
    )
    job = Job.objects.get(pk=job_id)
    statuses = dict(Bid.objects.filter(job=job).values_list("pk", "status"))
    return {
        "job_id": job.pk,
        "bid_id": bid.pk,
        "contract_id": contract.pk,
        "contract_status": contract.status,
        "job_status": job.status,
        "bid_status": statuses[bid.pk],
        "vetting_overridden": bool(Bid.objects.get(pk=bid.pk).award_override_reason),
        "declined": sorted(pk for pk, status in statuses.items() if status == BidStatus.DECLINED),
        "alternates": sorted(pk for pk, status in statuses.items() if status == BidStatus.ALTERNATE),
    }


@router.get("/vetting-policy", operation_id="vetting_policy_get", response=with_errors({200: VettingPolicyOut}))
def vetting_policy_detail(request: HttpRequest):
    ctx = org_context(request, "job.view")
    return _policy(vetting_policy_get(organization=ctx.organization))


@router.put(
    "/vetting-policy", operation_id="vetting_policy_update", response=with_errors({200: VettingPolicyOut}, write=True)
)
def vetting_policy_update(request: HttpRequest, payload: VettingPolicyIO):
    ctx = org_context(request, "vetting.policy")
    return _policy(
        services.vetting_policy_update(organization=ctx.organization, actor=ctx.user, **payload.model_dump())
    )
