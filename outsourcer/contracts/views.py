"""Contract pages: list, create/edit (drafts), the contract with its status buttons and the
activation guard, milestone acceptance. Time review lives in time_views.py. Every write is one
service call."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from outsourcer.accounts.access import OrgContext
from outsourcer.accounts.decorators import org_view
from outsourcer.accounts.own_work import is_own_work
from outsourcer.budgets import page_selectors as budget_pages
from outsourcer.budgets.access import access_budget
from outsourcer.budgets.models import Budget
from outsourcer.budgets.periods import today_for
from outsourcer.contractors.models import Contractor
from outsourcer.contracts import commitments, page_selectors, selectors, services
from outsourcer.contracts.access import access_contract, access_milestone
from outsourcer.contracts.flows import allowed_targets
from outsourcer.contracts.forms import MILESTONE_ROWS, ContractFilterForm, ContractForm, StatusForm, milestone_formset
from outsourcer.contracts.models import Contract, ContractStatus, MilestoneStatus
from outsourcer.lib.csv_files import csv_response
from outsourcer.lib.currencies import currency_from_text
from outsourcer.lib.errors import DomainError, FieldErrors, OverrideRequired
from outsourcer.lib.forms import post_data
from outsourcer.lib.money import amount_text, format_money
from outsourcer.lib.pagination import CappedPaginator
from outsourcer.oversight.selectors.utilization import capacity_left_for_contractor

PAGE_SIZE = 25


@org_view("contract.view")
def contract_list(request, ctx: OrgContext):
    organization = ctx.organization
    form = ContractFilterForm(
        request.GET,
        contractors=budget_pages.contractor_choices_for_organization(organization=organization),
        budgets=budget_pages.budget_choices_for_organization(organization=organization),
    )
    filters = form.filters()
    contracts = selectors.contract_list_for_organization(organization=organization, **filters)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "ctx": ctx,
        "form": form,
        "is_filtered": any(v not in (None, "") for v in filters.values()),
        "query": query.urlencode(),
        "page": CappedPaginator(contracts, PAGE_SIZE).get_page(request.GET.get("page")),
        "may_manage": ctx.may("contract.manage"),
    }
    template = "contracts/list.html#results" if request.headers.get("HX-Request") else "contracts/list.html"
    return render(request, template, context)


@org_view("contract.view")
def contract_export(request, ctx: OrgContext):
    organization = ctx.organization
    form = ContractFilterForm(
        request.GET,
        contractors=budget_pages.contractor_choices_for_organization(organization=organization),
        budgets=budget_pages.budget_choices_for_organization(organization=organization),
    )
    rows = selectors.contracts_csv_rows(organization=organization, **form.filters())
    return csv_response(rows, filename=f"{organization.slug}-contracts.csv")


def _form_choices(ctx: OrgContext) -> dict:
    organization = ctx.organization
    budgets = {
        pk: (f"{name} ({currency})", currency)
        for pk, name, currency in Budget.objects.filter(organization=organization)
        .order_by("name", "pk")
        .values_list("pk", "name", "currency")
    }
    contractors = budget_pages.contractor_choices_for_organization(organization=organization, active_only=True)
    return {"contractors": contractors, "budgets": budgets}


def _milestone_rows(request) -> int:
    """How many milestone rows to show: more when "Add milestone rows" was pressed (works without JS)."""
    try:
        shown = int(request.POST.get("milestones-TOTAL_FORMS", MILESTONE_ROWS))
    except ValueError:
        shown = MILESTONE_ROWS
    return min(max(shown, MILESTONE_ROWS) + (3 if "more_milestones" in request.POST else 0), 20)


def _contract_form_page(request, ctx: OrgContext, *, contract: Contract | None):
    """Create or edit a draft contract; both pages share the form, the formset and the save path."""
    choices = _form_choices(ctx)
    if contract is None:
        initial = {"starts_on": today_for(ctx.organization), **_new_contract_initial(request, choices)}
    else:
        initial = ContractForm.initial_for(contract)
    milestones_initial = (
        [
            {"title": m.title, "amount": amount_text(m.amount_cents, contract.currency), "due_on": m.due_on}
            for m in selectors.milestone_list_for_contract(contract=contract)
        ]
        if contract
        else []
    )
    if contract and contract.contractor_id not in dict(choices["contractors"]):
        # The engagement may have been paused since: keep the current contractor selectable.
        choices["contractors"] = [(contract.contractor_id, contract.contractor.name), *choices["contractors"]]
    if request.method == "POST" and "more_milestones" in request.POST:
        # Re-show what was typed with extra empty milestone rows, without judging it yet.
        form = ContractForm(initial=request.POST.dict(), **choices)
        rows = _milestone_rows(request)
        typed = [
            {k: request.POST.get(f"milestones-{i}-{k}", "") for k in ("title", "amount", "due_on")}
            for i in range(rows - 3)
        ]
        formset = milestone_formset(currency="EUR", initial=typed, rows=rows)
        return _render_form(request, ctx, form, formset, contract, status=200)
    form = ContractForm(post_data(request), initial=initial, **choices)
    currency = (
        currency_from_text(form.data.get("currency") or "")
        or choices["budgets"].get(_int(form.data.get("budget")), ("", "EUR"))[1]
    )
    formset = milestone_formset(post_data(request), currency=currency, initial=milestones_initial, rows=MILESTONE_ROWS)
    if form.is_bound:
        form_ok = form.is_valid()
        fixed = form.cleaned_data.get("rate_model") == "fixed"
        formset_ok = formset.is_valid() if fixed else True
        if form_ok and formset_ok and fixed:
            _check_milestone_sum(form, formset.milestones())
        if form_ok and formset_ok and not form.errors:
            terms = form.terms(formset.milestones() if fixed else [])
            budget = access_budget(ctx, form.cleaned_data["budget"])
            contractor = Contractor.objects.filter(
                pk=form.cleaned_data["contractor"], engagements__organization=ctx.organization
            ).first()
            try:
                if contract is None:
                    contract = services.contract_create(
                        organization=ctx.organization, actor=ctx.user, budget=budget, contractor=contractor, **terms
                    )
                else:
                    contract = services.contract_update(
                        contract=contract, actor=ctx.user, budget=budget, contractor=contractor, **terms
                    )
            except DomainError as exc:
                _apply_contract_error(form, formset, exc)
            else:
                messages.success(
                    request, f"Draft contract “{contract.title}” saved. Activate it when the terms are agreed."
                )
                return redirect("contracts:detail", ctx.organization.slug, contract.pk)
    failed = form.is_bound
    return _render_form(request, ctx, form, formset, contract, status=400 if failed else 200)


MILESTONE_FIELDS = {"title": "title", "amount_cents": "amount", "due_on": "due_on"}


def _apply_contract_error(form: ContractForm, formset, error: DomainError) -> None:
    """A milestone's own problem goes next to that milestone's input (the service counts only the
    filled rows); the rest, including "the amounts do not add up", next to the contract's fields."""
    errors = error.field_errors
    filled = [f for f in formset.forms if not f.is_blank()] if formset.is_bound else []
    rest = {}
    for key, message in errors.items():
        parts = (key or "").split(".")
        if len(parts) == 3 and parts[0] == "milestones" and parts[1].isdigit() and int(parts[1]) < len(filled):
            filled[int(parts[1])].add_error(MILESTONE_FIELDS.get(parts[2]), message)
        else:
            rest[key] = message
    if rest:
        form.apply_service_error(FieldErrors(rest))


def _check_milestone_sum(form: ContractForm, milestones: list[dict]) -> None:
    # The service checks this too; here the message can speak money instead of cents.
    total, summed, currency = form.cents.get("total"), sum(m["amount_cents"] for m in milestones), form.money_currency()
    if milestones and total is not None and summed != total:
        form.add_error(
            "total",
            f"The milestones add up to {format_money(summed, currency)}, not the total of "
            f"{format_money(total, currency)} ({format_money(abs(total - summed), currency)} "
            f"{'short' if summed < total else 'over'}).",
        )


def _new_contract_initial(request, choices: dict) -> dict:
    """What a new contract starts with: the budget and contractor the link names ("New contract"
    on a budget or contractor page) or the only one there is, and the contractor's default hourly
    rate when it is in the budget's currency. Only this organization's budgets and active
    contractors count."""
    initial = {}
    budgets, contractors = choices["budgets"], dict(choices["contractors"])
    budget, contractor = _int(request.GET.get("budget")), _int(request.GET.get("contractor"))
    if budget in budgets or len(budgets) == 1:
        initial["budget"] = budget if budget in budgets else next(iter(budgets))
    if contractor in contractors or len(contractors) == 1:
        initial["contractor"] = contractor if contractor in contractors else next(iter(contractors))
        rate = Contractor.objects.filter(pk=initial["contractor"]).values_list("default_rate_cents", "currency").first()
        budget_currency = budgets.get(initial.get("budget"), ("", ""))[1]
        if rate and rate[0] and budget_currency in ("", rate[1]):
            initial["hourly_rate"] = amount_text(rate[0], rate[1])
    return initial


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _render_form(request, ctx, form, formset, contract, *, status: int):
    context = {
        "ctx": ctx,
        "form": form,
        "formset": formset,
        "contract": contract,
        "title": f"Edit {contract.title}" if contract else "New contract",
        "no_contractors": not form.fields["contractor"].choices[1:],
        "no_budgets": not form.fields["budget"].choices[1:],
    }
    return render(request, "contracts/form.html", context, status=status)


@org_view("contract.manage", methods=("GET", "POST"))
def contract_create(request, ctx: OrgContext):
    return _contract_form_page(request, ctx, contract=None)


@org_view("contract.manage", methods=("GET", "POST"))
def contract_edit(request, ctx: OrgContext, contract_id: int):
    contract = access_contract(ctx, contract_id)
    if contract.status != ContractStatus.DRAFT:
        messages.error(request, "Only a draft contract's terms can change; this one is already agreed.")
        return redirect("contracts:detail", ctx.organization.slug, contract.pk)
    return _contract_form_page(request, ctx, contract=contract)


def _detail_context(ctx: OrgContext, contract: Contract, *, status_form=None, override=None) -> dict:
    milestones = list(selectors.milestone_list_for_contract(contract=contract))
    return {
        "ctx": ctx,
        "contract": contract,
        "budget": contract.budget,
        "milestones": milestones,
        "commitment": (
            commitments.contract_commitment(contract=contract) if contract.status == ContractStatus.ACTIVE else None
        ),
        "time_summary": page_selectors.contract_time_summary(contract=contract),
        "spent_cents": (spent := selectors.contract_spent_cents(contract=contract)),
        "remaining_of_total": (contract.total_budget_cents or 0) - spent,
        "transitions": [(s, ContractStatus(s).label) for s in allowed_targets(contract.status)],
        "status_form": status_form or StatusForm(),
        "override": override,
        "may_manage": ctx.may("contract.manage"),
        "may_override": ctx.may("contract.override"),
        "may_accept": ctx.may("milestone.accept")
        and contract.status == ContractStatus.ACTIVE
        and not is_own_work(ctx, contract.contractor),
        "pending": MilestoneStatus.PENDING,
        "capacity_short": _capacity_short(ctx, contract),
    }


def _capacity_short(ctx: OrgContext, contract: Contract) -> dict | None:
    """A draft hourly contract whose weekly cap is more than its contractor has left in one of the
    next weeks across all their clients (oversight's utilization): the figures, else None."""
    if contract.status != ContractStatus.DRAFT or not contract.weekly_cap_minutes:
        return None
    weeks = capacity_left_for_contractor(
        contractor=contract.contractor, today=today_for(ctx.organization), now=timezone.now()
    )
    tightest = min(weeks, key=lambda week: week.left_minutes)
    if contract.weekly_cap_minutes <= tightest.left_minutes:
        return None
    return {"week": tightest, "cap_minutes": contract.weekly_cap_minutes}


@org_view("contract.view")
def contract_detail(request, ctx: OrgContext, contract_id: int):
    contract = access_contract(ctx, contract_id)
    return render(request, "contracts/detail.html", _detail_context(ctx, contract))


def _change_status(ctx: OrgContext, contract: Contract, form: StatusForm) -> Contract:
    target = form.cleaned_data["status"]
    if target == ContractStatus.ACTIVE:
        return services.contract_activate(
            contract=contract, actor=ctx.user, override_reason=form.reason, may_override=ctx.may("contract.override")
        )
    if target == ContractStatus.COMPLETED:
        return services.contract_complete(contract=contract, actor=ctx.user)
    if target == ContractStatus.ENDED:
        return services.contract_end(contract=contract, actor=ctx.user)
    raise DomainError("Choose one of the statuses offered.", field="status")


@org_view("contract.manage", methods=("POST",))
def contract_status(request, ctx: OrgContext, contract_id: int):
    contract = access_contract(ctx, contract_id)
    form = StatusForm(request.POST)
    if form.is_valid() or not form.has_error("status"):
        # "Activate over budget" pressed without a reason still goes through the guard (form.reason
        # is then empty): the page shows its figures again, with the reason's error beside them.
        try:
            contract = _change_status(ctx, contract, form)
        except OverrideRequired as exc:
            override = {"message": exc.message, "details": exc.details, "currency": contract.budget.currency}
            context = _detail_context(ctx, contract, status_form=form, override=override)
            return render(request, "contracts/detail.html", context, status=400 if form.errors else 409)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"“{contract.title}” is now {contract.get_status_display().lower()}.")
            return redirect("contracts:detail", ctx.organization.slug, contract.pk)
    else:
        messages.error(request, "Choose one of the statuses offered.")
    return redirect("contracts:detail", ctx.organization.slug, contract.pk)


@org_view("milestone.accept", methods=("POST",))
def milestone_accept(request, ctx: OrgContext, contract_id: int, milestone_id: int):
    contract = access_contract(ctx, contract_id)
    milestone = access_milestone(ctx, milestone_id, contract=contract, review=True)
    try:
        entry = services.milestone_accept(milestone=milestone, actor=ctx.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            f"“{milestone.title}” accepted: {format_money(entry.amount_cents, entry.currency)} posted to the ledger.",
        )
    return redirect("contracts:detail", ctx.organization.slug, contract.pk)
