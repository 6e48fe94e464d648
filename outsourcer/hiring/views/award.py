"""The award page: the bid, its vetting standing, what the budget guard says, the other bids and
the message to them; awarding is one call to services.bid_award, then the new contract's page."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from outsourcer.accounts.access import OrgContext
from outsourcer.accounts.decorators import org_view
from outsourcer.accounts.own_work import access_not_own_work
from outsourcer.hiring import selectors, services
from outsourcer.hiring.access import access_bid
from outsourcer.hiring.forms.award import AwardForm
from outsourcer.lib.errors import DomainError, OverrideRequired
from outsourcer.lib.forms import post_data

GIVE_VETTING_REASON = "Give a reason to award the job to a contractor who has not passed vetting."
GIVE_BUDGET_REASON = "Give a reason to go over the budget."


@org_view("job.award", methods=("GET", "POST"))
def bid_award(request, ctx: OrgContext, job_id: int, bid_id: int):
    bid = access_bid(ctx, bid_id)
    if bid.job_id != job_id:
        raise Http404
    access_not_own_work(ctx, bid.contractor)  # nobody awards work to themselves
    # The same row: access_bid scoped the bid to the caller's organization (saves a query).
    bid.job.organization = ctx.organization
    page = selectors.award_page_get(bid=bid, may_override_budget=ctx.may("contract.override"))
    form = AwardForm(post_data(request), bid=bid, others=page.others, terms=page.terms)
    guard = None
    if form.is_bound and form.is_valid() and page.is_open:
        try:
            contract = services.bid_award(
                bid=bid,
                actor=ctx.user,
                may_override=ctx.may("vetting.override"),
                may_override_budget=ctx.may("contract.override"),
                **form.award_arguments(),
            )
        except OverrideRequired as exc:
            guard = exc
            if exc.details.get("can_override"):
                form.add_error(exc.field, GIVE_VETTING_REASON if exc.code == "vetting_required" else GIVE_BUDGET_REASON)
        except DomainError as exc:
            form.apply_service_error(exc)
        else:
            messages.success(request, f"{bid.contractor.name} won “{bid.job.title}”: the contract is active.")
            return redirect("contracts:detail", ctx.organization.slug, contract.pk)
    context = {
        "ctx": ctx,
        "page": page,
        "bid": bid,
        "job": bid.job,
        "budget": bid.job.budget,
        "form": form,
        "guard": guard,
        "budget_guard": guard if guard is not None and guard.code == "over_budget" else page.budget_guard,
        "may_override_vetting": ctx.may("vetting.override"),
        "may_override_budget": ctx.may("contract.override"),
    }
    # A post that arrives after another award (or a withdrawal) is a conflict; the page says why.
    conflict = guard is not None or (form.is_bound and not page.is_open)
    status = 409 if conflict else (400 if form.errors else 200)
    return render(request, "hiring/award/award.html", context, status=status)
