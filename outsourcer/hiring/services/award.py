"""The award: one bid wins its job, its contract is made and activated through the contract services
(so the over-budget guard and its override apply: there is no second path to a contract), the
engagement becomes active, the other open bids are declined or kept as alternates, and every bidder
hears about it. Awarding to a contractor who has not passed the vetting policy needs an owner's
override with a reason."""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from outsourcer.accounts.models import User
from outsourcer.audit.events import event_record
from outsourcer.budgets.periods import today_for
from outsourcer.contractors.models import EngagementStatus
from outsourcer.contractors.services import engagement_status_change
from outsourcer.contracts.models import Contract
from outsourcer.contracts.services import contract_activate, contract_create
from outsourcer.hiring.events.award import BID_AWARDED, BID_AWARDED_UNVETTED, BID_DECLINED, BID_KEPT_AS_ALTERNATE
from outsourcer.hiring.flows import BID_FLOW, JOB_FLOW
from outsourcer.hiring.models import Bid, BidStatus, Job, JobStatus
from outsourcer.hiring.services.award_notices import award_notify
from outsourcer.hiring.services.award_terms import award_terms
from outsourcer.hiring.services.similar import job_index
from outsourcer.hiring.vetting import VettingResult, vetting_result
from outsourcer.lib.errors import DomainError, FieldErrors, OverrideRequired
from outsourcer.lib.validation import Errors

DECLINE, ALTERNATE = "decline", "alternate"
DECLINE_ALL, KEEP_ALTERNATES = "decline_all", "keep_alternates"
MODES = {DECLINE_ALL: DECLINE, KEEP_ALTERNATES: ALTERNATE}
DEFAULT_MESSAGE = (
    "Thank you for your bid and for the time you put into it. We have chosen another proposal for this "
    "job, and we hope to work with you on a future one."
)
ALTERNATE_MESSAGE = "If the chosen proposal falls through, we may come back to you."
MAX_MESSAGE = 2000

ALREADY_AWARDED = "“{job}” has already been awarded{to}."
JOB_NOT_OPEN = "“{job}” is {status}; only an open or closed job can be awarded."
BID_NOT_OPEN = "This bid is {status}; only a submitted bid or an alternate can win."
NOT_VETTED = "{contractor} has not passed your vetting policy yet: missing {missing}."
OWNER_ONLY = " Only an owner can award the job anyway, with a reason."
GIVE_REASON = " Give a reason to award the job anyway; it is recorded as an override."
NOT_AN_OTHER_BID = "Bid {bid} is not another open bid on this job."


class AlreadyAwarded(DomainError):
    """The job has a winner already (another award got there first)."""

    status_code = 409

    def __init__(self, job: Job):
        winner = Bid.objects.filter(job=job, status=BidStatus.AWARDED).select_related("contractor").first()
        to = f" to {winner.contractor.name}" if winner is not None else ""
        super().__init__(ALREADY_AWARDED.format(job=job.title, to=to), code="already_awarded")


def _join(items: list[str]) -> str:
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


def _not_vetted(bid: Bid, result: VettingResult, *, may_override: bool) -> OverrideRequired:
    message = NOT_VETTED.format(contractor=bid.contractor.name, missing=_join(result.missing))
    details = {
        "missing": list(result.missing),
        "interviews": result.interviews,
        "references": result.references,
        "checks_verified": result.checks_verified,
        "can_override": may_override,
    }
    message += GIVE_REASON if may_override else OWNER_ONLY
    return OverrideRequired(message, code="vetting_required", details=details)


def _clean(
    *, message: str, override_reason: str, budget_override_reason: str, mode: str, others: Mapping[Any, Any]
) -> tuple[str, str, str, dict[int, str]]:
    errors = Errors()
    message = errors.text(message, field="message", label="Message", max_length=MAX_MESSAGE, required=False)
    reasons = [
        errors.text(reason, field=field, label="Reason", max_length=500, required=False)
        for field, reason in (("override_reason", override_reason), ("budget_override_reason", budget_override_reason))
    ]
    errors.choice(mode, field="mode", choices=MODES, message="Choose to decline the other bids or keep them.")
    choices: dict[int, str] = {}
    for key, choice in others.items():
        if choice not in (DECLINE, ALTERNATE) or not isinstance(key, int) or isinstance(key, bool):
            errors.add("others", "Choose decline or alternate for each other bid.")
        else:
            choices[key] = choice
    errors.raise_if_any()
    return message or DEFAULT_MESSAGE, reasons[0], reasons[1], choices


def _lock_job(bid: Bid) -> Job:
    job = Job.objects.select_for_update(of=("self",)).select_related("budget", "organization").get(pk=bid.job_id)
    if job.status == JobStatus.AWARDED:
        raise AlreadyAwarded(job)
    if job.status not in (JobStatus.OPEN, JobStatus.CLOSED):
        raise DomainError(
            JOB_NOT_OPEN.format(job=job.title, status=job.get_status_display().lower()), code="job_not_open"
        )
    return job


def _lock_bid(bid: Bid, job: Job) -> Bid:
    locked = (
        Bid.objects.select_for_update(of=("self",))
        .select_related("contractor", "contractor__user", "engagement")
        .get(pk=bid.pk)
    )
    if not BID_FLOW.allows(locked.status, BidStatus.AWARDED):
        raise DomainError(BID_NOT_OPEN.format(status=locked.get_status_display().lower()), code="bid_not_open")
    locked.job = job
    return locked


def _make_contract(
    *, job: Job, bid: Bid, actor: User, terms: dict[str, Any], reason: str, may_override: bool, today: date
) -> Contract:
    # The engagement made active, then the contract created and activated by the contract
    # services; the budget guard's refusal is re-raised naming the award's own reason field.
    if bid.engagement.status != EngagementStatus.ACTIVE:
        engagement_status_change(engagement=bid.engagement, actor=actor, status=EngagementStatus.ACTIVE)
    contract = contract_create(
        organization=job.organization, actor=actor, budget=job.budget, contractor=bid.contractor, **terms
    )
    try:
        return contract_activate(
            contract=contract, actor=actor, override_reason=reason, may_override=may_override, today=today
        )
    except OverrideRequired as exc:
        guard = OverrideRequired(exc.message, code=exc.code, details=exc.details)
        guard.field = "budget_override_reason"
        raise guard from None


def _decide_others(
    *, job: Job, winner: Bid, actor: User, choices: dict[int, str], mode: str, message: str
) -> list[Bid]:
    others = list(
        Bid.objects.select_for_update(of=("self",))
        .select_related("contractor", "contractor__user")
        .filter(job=job, status__in=[BidStatus.SUBMITTED, BidStatus.ALTERNATE])
        .exclude(pk=winner.pk)
        .order_by("pk")
    )
    unknown = sorted(set(choices) - {bid.pk for bid in others})
    if unknown:
        raise FieldErrors({"others": NOT_AN_OTHER_BID.format(bid=unknown[0])})
    for bid in others:
        bid.job = job
        before = bid.status
        keep = choices.get(bid.pk, MODES[mode]) == ALTERNATE
        target = BidStatus.ALTERNATE if keep else BidStatus.DECLINED
        if before != target:  # an alternate kept as one stays where it is
            bid.status = BID_FLOW.next(before, target)
        bid.decision_message = ALTERNATE_MESSAGE if keep else message
        bid.save(update_fields=["status", "decision_message", "updated_at"])
        event_record(
            action=BID_KEPT_AS_ALTERNATE if keep else BID_DECLINED,
            organization=job.organization,
            actor=actor,
            obj=bid,
            before={"status": before},
            after={"status": bid.status, "job": job.title, "contractor": bid.contractor.name},
        )
    return others


def bid_award(
    *,
    bid: Bid,
    actor: User,
    others: Mapping[int, str] | None = None,
    mode: str = DECLINE_ALL,
    message: str = "",
    override_reason: str = "",
    may_override: bool = False,
    budget_override_reason: str = "",
    may_override_budget: bool = False,
    starts_on: date | None = None,
    ends_on: date | None = None,
    weekly_cap_minutes: int | None = None,
    included_minutes: int | None = None,
    today: date | None = None,
) -> Contract:
    """Award the job to `bid` in one transaction and return the active contract made from it.

    The job must be open or closed (AlreadyAwarded, 409, when another award won) and the bid
    submitted or an alternate. A contractor who has not passed the vetting policy raises
    OverrideRequired (code "vetting_required") unless `may_override` (owners: "vetting.override")
    and `override_reason`, recorded as an override event. The contract's activation guard applies
    with `budget_override_reason` / `may_override_budget` ("contract.override"). The other open
    bids are declined (with `message`) or kept as alternates: `mode` for all, `others` (bid id →
    "decline" / "alternate") per bid. Bidders are told in-app and by e-mail after the commit."""
    message, override_reason, budget_override_reason, choices = _clean(
        message=message,
        override_reason=override_reason,
        budget_override_reason=budget_override_reason,
        mode=mode,
        others=others or {},
    )
    with transaction.atomic():
        job = _lock_job(bid)
        bid = _lock_bid(bid, job)
        today = today or today_for(job.organization)
        vetting = vetting_result(organization=job.organization, engagement_id=bid.engagement_id)
        overridden = not vetting.passed
        if overridden and not (may_override and override_reason):
            raise _not_vetted(bid, vetting, may_override=may_override)
        terms = award_terms(
            bid=bid,
            today=today,
            starts_on=starts_on,
            ends_on=ends_on,
            weekly_cap_minutes=weekly_cap_minutes,
            included_minutes=included_minutes,
        )
        contract = _make_contract(
            job=job,
            bid=bid,
            actor=actor,
            terms=terms,
            reason=budget_override_reason,
            may_override=may_override_budget,
            today=today,
        )
        before = bid.status
        bid.status = BID_FLOW.next(before, BidStatus.AWARDED)
        bid.award_override_reason = override_reason if overridden else ""
        try:
            # The database holds one winner per job (bid_one_winner_per_job), whatever the locks did.
            with transaction.atomic():
                bid.save(update_fields=["status", "award_override_reason", "updated_at"])
        except IntegrityError:
            raise AlreadyAwarded(job) from None
        job.status = JOB_FLOW.next(job.status, JobStatus.AWARDED)
        job.contract = contract
        job.decided_at = timezone.now()
        job.save(update_fields=["status", "contract", "decided_at", "updated_at"])
        # The awarded work stays in the similar-work index as the winner's for 90 days.
        job_index(job)
        decided = _decide_others(job=job, winner=bid, actor=actor, choices=choices, mode=mode, message=message)
        event_record(
            action=BID_AWARDED_UNVETTED if overridden else BID_AWARDED,
            organization=job.organization,
            actor=actor,
            obj=bid,
            before={"status": before},
            after={
                "status": bid.status,
                "job": job.title,
                "contractor": bid.contractor.name,
                "contract": contract.title,
                "total_cents": bid.total_budget_cents,
                "currency": job.budget.currency,
                "missing": list(vetting.missing),
                "declined": sum(b.status == BidStatus.DECLINED for b in decided),
                "alternates": sum(b.status == BidStatus.ALTERNATE for b in decided),
            },
            reason=override_reason if overridden else "",
        )
        award_notify(job=job, winner=bid, contract=contract, others=decided)
    return contract
