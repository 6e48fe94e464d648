"""Organization pages of hand-overs: the Reviews list (waiting first, oldest first), a deliverable
with every version, its files and links, and the review form (accept, or request changes with
reasons and a comment). Files are downloads for the organization's people only."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from outsourcer.accounts.access import OrgContext
from outsourcer.accounts.decorators import org_view
from outsourcer.accounts.own_work import access_not_own_work, is_own_work
from outsourcer.lib.forms import form_save
from outsourcer.lib.pagination import CappedPaginator
from outsourcer.lib.uploads import attachment_response
from outsourcer.oversight import services
from outsourcer.oversight.access import access_deliverable
from outsourcer.oversight.forms_deliverables import ReviewFilterForm, ReviewForm
from outsourcer.oversight.models import Deliverable, DeliverableStatus
from outsourcer.oversight.pages_deliverables import version_rows
from outsourcer.oversight.selectors import deliverables as selectors
from outsourcer.oversight.selectors.deliverables import ALL

PAGE_SIZE = 25


@org_view("deliverable.view")
def review_list(request, ctx: OrgContext):
    form = ReviewFilterForm(
        request.GET, contractors=selectors.deliverable_contractor_choices(organization=ctx.organization)
    )
    filters = form.filters()
    deliverables = selectors.deliverable_list_for_organization(organization=ctx.organization, **filters)
    context = {
        "ctx": ctx,
        "form": form,
        "is_filtered": filters["status"] != ALL or filters["contractor_id"] is not None,
        "page": CappedPaginator(deliverables, PAGE_SIZE).get_page(request.GET.get("page")),
    }
    template = "oversight/deliverables/list.html#results" if request.headers.get("HX-Request") else None
    return render(request, template or "oversight/deliverables/list.html", context)


def _page(request, ctx: OrgContext, deliverable: Deliverable, *, form: ReviewForm | None = None, status: int = 200):
    own = is_own_work(ctx, deliverable.contractor)
    may_review = ctx.may("deliverable.review") and not own and deliverable.status == DeliverableStatus.SUBMITTED
    context = {
        "ctx": ctx,
        "deliverable": deliverable,
        "versions": version_rows(deliverable),
        "may_review": may_review,
        "own_work": own,
        "form": form or ReviewForm(),
    }
    return render(request, "oversight/deliverables/detail.html", context, status=status)


@org_view("deliverable.view")
def deliverable_detail(request, ctx: OrgContext, deliverable_id: int):
    return _page(request, ctx, access_deliverable(ctx, deliverable_id))


@org_view("deliverable.review", methods=("POST",))
def deliverable_review(request, ctx: OrgContext, deliverable_id: int):
    deliverable = access_deliverable(ctx, deliverable_id)
    access_not_own_work(ctx, deliverable.contractor)
    form = ReviewForm(request.POST)

    def decide():
        data = form.cleaned_data
        if data["decision"] == "accept":
            return services.deliverable_accept(deliverable=deliverable, actor=ctx.user, comment=data["comment"])
        return services.deliverable_request_changes(
            deliverable=deliverable, actor=ctx.user, reasons=data["reasons"], comment=data["comment"]
        )

    review = form_save(form, decide)
    if review is None:
        deliverable.refresh_from_db()
        return _page(request, ctx, deliverable, form=form, status=400)
    if review.decision == "accept":
        messages.success(request, f"You accepted “{deliverable.title}”; {deliverable.contractor.name} is told.")
    else:
        messages.success(request, f"You asked for changes; {deliverable.contractor.name} is told why.")
    return redirect("oversight:deliverable", org_slug=ctx.organization.slug, deliverable_id=deliverable.pk)


@org_view("deliverable.view")
def deliverable_file(request, ctx: OrgContext, deliverable_id: int, file_id: int):
    deliverable = access_deliverable(ctx, deliverable_id)
    stored = selectors.deliverable_file(deliverable=deliverable, file_id=file_id)
    if stored is None:
        raise Http404
    return attachment_response(stored.file, stored.name)
