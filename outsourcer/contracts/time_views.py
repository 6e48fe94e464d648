"""Time review: the organization approves or rejects submitted time, one entry at a time (htmx
swaps the row in place; without JavaScript the page reloads) or in bulk. Approval can hit the
guard (weekly cap, 100 % of the budget): the page then says why and offers owners an override."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from outsourcer.accounts.access import OrgContext
from outsourcer.accounts.decorators import org_view
from outsourcer.budgets import page_selectors as budget_pages
from outsourcer.contracts import page_selectors, selectors, services
from outsourcer.contracts.access import access_time_entries, access_time_entry
from outsourcer.contracts.forms import BulkReviewForm, OverrideForm, RejectForm, TimeFilterForm
from outsourcer.contracts.models import TimeEntry
from outsourcer.contracts.versions import posted_version, posted_versions, with_versions
from outsourcer.lib.errors import DomainError, OverrideRequired
from outsourcer.lib.pagination import CappedPaginator

PAGE_SIZE = 25
NO_REVIEW = {"done": None, "error": None, "override": None}


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _review_context(request, ctx: OrgContext, **extra) -> dict:
    organization = ctx.organization
    form = TimeFilterForm(
        request.GET,
        contractors=budget_pages.contractor_choices_for_organization(organization=organization),
        contracts=page_selectors.contract_choices_for_organization(organization=organization),
    )
    entries = selectors.time_entry_list_for_organization(organization=organization, **form.filters())
    entries = entries.select_related("reviewed_by")  # the row names who reviewed it
    page = CappedPaginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    with_versions(page.object_list)
    for entry in page.object_list:
        # No review on this request: the row asks entry.row.done/error/override, and a missing
        # attribute costs the template engine a dir() of the model (~40 µs, 4 a row).
        entry.row = NO_REVIEW
    return {
        "ctx": ctx,
        "slug": organization.slug,
        "form": form,
        "page": page,
        "query": request.GET.urlencode(),
        "is_filtered": any(k in request.GET for k in ("status", "contractor", "contract", "week")),
        "may_review": ctx.may("time.review"),
        "may_override": ctx.may("time.override"),
        "bulk_form": extra.pop("bulk_form", None),
        "checked": extra.pop("checked", set()),
        **extra,
    }


@org_view("contract.view")
def time_review(request, ctx: OrgContext):
    context = _review_context(request, ctx)
    template = "contracts/time_review.html#results" if _is_htmx(request) else "contracts/time_review.html"
    return render(request, template, context)


def _back(request, ctx: OrgContext):
    url = reverse("contracts:time-review", args=[ctx.organization.slug])
    query = request.GET.urlencode()
    return redirect(f"{url}?{query}" if query else url)


def _row_or_page(request, ctx: OrgContext, entry: TimeEntry, *, state: dict, status: int):
    """After a single review: the row alone for htmx (always 200, or htmx would not swap it),
    else the whole page with the entry's outcome at the top."""
    entry.row = state
    with_versions([entry])
    if _is_htmx(request):
        context = {
            "ctx": ctx,
            "slug": ctx.organization.slug,
            "entry": entry,
            "query": request.GET.urlencode(),
            "may_review": ctx.may("time.review"),
            "may_override": ctx.may("time.override"),
        }
        return render(request, "contracts/time_review.html#row", context)
    if not state.get("error") and not state.get("override"):
        return _back(request, ctx)
    return render(request, "contracts/time_review.html", _review_context(request, ctx, failed=entry), status=status)


@org_view("time.review", methods=("POST",))
def time_approve(request, ctx: OrgContext, entry_id: int):
    entry = access_time_entry(ctx, entry_id, review=True)
    form = OverrideForm(request.POST)
    # An override without a reason still goes through the guard (form.reason is then empty), so
    # the row shows the guard's own warning again with the reason's error beside it.
    form.is_valid()
    try:
        services.time_entry_approve(
            entry=entry,
            actor=ctx.user,
            override_reason=form.reason,
            may_override=ctx.may("time.override"),
            version=posted_version(request.POST),
        )
    except OverrideRequired as exc:
        state = {"action": "approve", "override": {"message": exc.message, "details": exc.details}, "form": form}
        return _row_or_page(request, ctx, entry, state=state, status=400 if form.errors else 409)
    except DomainError as exc:  # 409 when the entry changed since the page showed it
        state = {"action": "approve", "error": exc.message}
        return _row_or_page(request, ctx, access_time_entry(ctx, entry.pk), state=state, status=exc.status_code)
    if not _is_htmx(request):
        messages.success(request, f"Approved {entry.contractor.name}'s time on {entry.worked_on:%-d %b}.")
    return _row_or_page(request, ctx, access_time_entry(ctx, entry.pk), state={"done": "approved"}, status=200)


@org_view("time.review", methods=("POST",))
def time_reject(request, ctx: OrgContext, entry_id: int):
    entry = access_time_entry(ctx, entry_id, review=True)
    form = RejectForm(request.POST)
    if not form.is_valid():
        state = {"action": "reject", "error": form.errors["reason"][0], "reject_form": form}
        return _row_or_page(request, ctx, entry, state=state, status=400)
    try:
        services.time_entry_reject(
            entry=entry, actor=ctx.user, reason=form.cleaned_data["reason"], version=posted_version(request.POST)
        )
    except DomainError as exc:
        state = {"action": "reject", "error": exc.message, "reject_form": form}
        return _row_or_page(request, ctx, access_time_entry(ctx, entry.pk), state=state, status=exc.status_code)
    if not _is_htmx(request):
        messages.success(request, f"Rejected {entry.contractor.name}'s time on {entry.worked_on:%-d %b}.")
    return _row_or_page(request, ctx, access_time_entry(ctx, entry.pk), state={"done": "rejected"}, status=200)


@org_view("time.review", methods=("POST",))
def time_bulk(request, ctx: OrgContext):
    ids = [int(v) for v in request.POST.getlist("entries") if v.isdigit()][: PAGE_SIZE * 4]
    entries = access_time_entries(ctx, ids, review=True)
    form = BulkReviewForm(request.POST, entry_ids=[e.pk for e in entries])
    status = 400
    # Only the override's reason missing: the guard runs again so its warning stays on the page.
    if form.is_valid() or set(form.errors) == {"override_reason"}:
        chosen = [e for e in entries if e.pk in set(form.cleaned_data["entries"])]
        try:
            if form.cleaned_data["action"] == "approve":
                done = services.time_entry_approve_bulk(
                    entries=chosen,
                    actor=ctx.user,
                    override_reason=form.reason,
                    may_override=ctx.may("time.override"),
                    versions=posted_versions(request.POST),
                )
                messages.success(request, f"Approved {len(done)} time entr{'y' if len(done) == 1 else 'ies'}.")
            else:
                done = services.time_entry_reject_bulk(
                    entries=chosen,
                    actor=ctx.user,
                    reason=form.cleaned_data["reason"],
                    versions=posted_versions(request.POST),
                )
                messages.success(request, f"Rejected {len(done)} time entr{'y' if len(done) == 1 else 'ies'}.")
        except OverrideRequired as exc:
            context = _review_context(
                request,
                ctx,
                bulk_form=form,
                checked=set(ids),
                bulk_override={"message": exc.message, "details": exc.details},
            )
            return render(request, "contracts/time_review.html", context, status=400 if form.errors else 409)
        except DomainError as exc:
            form.add_error(None, exc.message)
            status = exc.status_code  # 409 when an entry changed since the page showed it
        else:
            return _back(request, ctx)
    context = _review_context(request, ctx, bulk_form=form, checked=set(ids))
    return render(request, "contracts/time_review.html", context, status=status)
