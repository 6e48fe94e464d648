"""Contracts and their milestones, for organization members (mounted at /contracts)."""

from django.http import HttpRequest
from ninja import Query, Router
from ninja.responses import Status

from outsourcer.api.auth import org_context
from outsourcer.api.errors import with_errors
from outsourcer.api.pagination import paginated
from outsourcer.api.schemas import ObjectId
from outsourcer.budgets.access import access_budget
from outsourcer.contractors.access import access_engagement, access_engagement_contractor_id
from outsourcer.contracts import selectors, services
from outsourcer.contracts.access import access_contract, access_milestone
from outsourcer.contracts.api.schemas import ContractFilters, ContractIn, ContractOut, MilestoneOut, OverrideIn
from outsourcer.contracts.models import Contract

router = Router(tags=["contracts"])


def _contract(contract: Contract) -> Contract:
    return Contract.objects.select_related("budget", "contractor").prefetch_related("milestones").get(pk=contract.pk)


@router.get("", operation_id="contract_list", response=with_errors({200: list[ContractOut]}))
@paginated
def contract_list(request: HttpRequest, filters: Query[ContractFilters]):
    ctx = org_context(request, "contract.view")
    contractor_id = access_engagement_contractor_id(ctx, filters.engagement_id)
    return selectors.contract_list_for_organization(
        organization=ctx.organization,
        status=filters.status or "",
        budget_id=filters.budget_id,
        contractor_id=contractor_id,
        rate_model=filters.rate_model or "",
    ).prefetch_related("milestones")


@router.post("", operation_id="contract_create", response=with_errors({201: ContractOut}, write=True))
def contract_create(request: HttpRequest, payload: ContractIn):
    ctx = org_context(request, "contract.manage")
    data = payload.model_dump()
    budget = access_budget(ctx, data.pop("budget_id"))
    engagement = access_engagement(ctx, data.pop("engagement_id"))
    data["currency"] = data["currency"] or ""
    contract = services.contract_create(
        organization=ctx.organization, actor=ctx.user, budget=budget, contractor=engagement.contractor, **data
    )
    return Status(201, _contract(contract))


@router.get("/{contract_id}", operation_id="contract_get", response=with_errors({200: ContractOut}))
def contract_detail(request: HttpRequest, contract_id: ObjectId):
    ctx = org_context(request, "contract.view")
    return _contract(access_contract(ctx, contract_id))


@router.post(
    "/{contract_id}/activate",
    operation_id="contract_activate",
    response=with_errors({200: ContractOut}, 409, write=True),
)
def contract_activate(request: HttpRequest, contract_id: ObjectId, payload: OverrideIn):
    """409 when the contract's cost for the period is more than the budget has left; `details`
    carries cost_cents, remaining_cents, over_cents. An owner repeats with `override_reason`."""
    ctx = org_context(request, "contract.manage")
    contract = access_contract(ctx, contract_id)
    return _contract(
        services.contract_activate(contract=contract, actor=ctx.user, **payload.override(ctx, "contract.override"))
    )


@router.post(
    "/{contract_id}/complete", operation_id="contract_complete", response=with_errors({200: ContractOut}, write=True)
)
def contract_complete(request: HttpRequest, contract_id: ObjectId):
    ctx = org_context(request, "contract.manage")
    return _contract(services.contract_complete(contract=access_contract(ctx, contract_id), actor=ctx.user))


@router.post("/{contract_id}/end", operation_id="contract_end", response=with_errors({200: ContractOut}, write=True))
def contract_end(request: HttpRequest, contract_id: ObjectId):
    ctx = org_context(request, "contract.manage")
    return _contract(services.contract_end(contract=access_contract(ctx, contract_id), actor=ctx.user))


@router.get("/{contract_id}/milestones", operation_id="milestone_list", response=with_errors({200: list[MilestoneOut]}))
def milestone_list(request: HttpRequest, contract_id: ObjectId):
    ctx = org_context(request, "contract.view")
    return selectors.milestone_list_for_contract(contract=access_contract(ctx, contract_id))


@router.post(
    "/{contract_id}/milestones/{milestone_id}/accept",
    operation_id="milestone_accept",
    response=with_errors({200: MilestoneOut}, write=True),
)
def milestone_accept(request: HttpRequest, contract_id: ObjectId, milestone_id: ObjectId):
    ctx = org_context(request, "milestone.accept")
    milestone = access_milestone(ctx, milestone_id, contract=access_contract(ctx, contract_id), review=True)
    services.milestone_accept(milestone=milestone, actor=ctx.user)
    milestone.refresh_from_db()
    return milestone
