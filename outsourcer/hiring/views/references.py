"""An engagement's vetting page: its reference checks with the request form, and the company
checklist with each item's update form and evidence download. Every write is one service call."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.text import slugify

from outsourcer.accounts.access import OrgContext
from outsourcer.accounts.decorators import org_view
from outsourcer.accounts.own_work import access_not_own_work, is_own_work
from outsourcer.contractors.access import access_engagement
from outsourcer.contractors.models import Engagement
from outsourcer.hiring import selectors, services
from outsourcer.hiring.forms.references import CompanyCheckForm, ReferenceRequestForm
from outsourcer.hiring.models import CompanyCheckItem
from outsourcer.hiring.vetting import vetting_result
from outsourcer.lib.forms import form_save

TEMPLATE = "hiring/references/vetting.html"


def _context(ctx: OrgContext, engagement: Engagement, *, request_form=None, bound_check=None) -> dict:
    own = is_own_work(ctx, engagement.contractor)
    checks = []
    for check in selectors.company_check_list_for_engagement(engagement=engagement):
        form = bound_check if bound_check is not None and bound_check.prefix == check.item else None
        form = form or CompanyCheckForm(
            initial=CompanyCheckForm.initial_for(check), prefix=check.item, has_evidence=bool(check.evidence)
        )
        checks.append((check, form))
    return {
        "ctx": ctx,
        "engagement": engagement,
        "contractor": engagement.contractor,
        "references": selectors.reference_list_for_engagement(engagement=engagement),
        "checks": checks,
        "request_form": request_form or ReferenceRequestForm(),
        "vetting": vetting_result(organization=ctx.organization, engagement_id=engagement.pk),
        "may_request": ctx.may("reference.manage") and not own,
        "may_check": ctx.may("company_check.manage") and not own,
    }


@org_view("contractor.view")
def vetting(request, ctx: OrgContext, engagement_id: int):
    engagement = access_engagement(ctx, engagement_id)
    return render(request, TEMPLATE, _context(ctx, engagement))


@org_view("reference.manage", methods=("POST",))
def reference_request(request, ctx: OrgContext, engagement_id: int):
    engagement = access_engagement(ctx, engagement_id)
    access_not_own_work(ctx, engagement.contractor)
    form = ReferenceRequestForm(request.POST)
    reference = form_save(
        form, lambda: services.reference_request(engagement=engagement, actor=ctx.user, **form.cleaned_data)
    )
    if reference is not None:
        messages.success(request, f"{reference.referee_name} has been asked for a reference by e-mail.")
        return redirect("hiring:vetting", ctx.organization.slug, engagement.pk)
    return render(request, TEMPLATE, _context(ctx, engagement, request_form=form), status=400)


@org_view("company_check.manage", methods=("POST",))
def company_check_update(request, ctx: OrgContext, engagement_id: int, item: str):
    engagement = access_engagement(ctx, engagement_id)
    if item not in CompanyCheckItem.values:
        raise Http404
    access_not_own_work(ctx, engagement.contractor)
    current = selectors.company_check_get(engagement=engagement, item=item)
    form = CompanyCheckForm(request.POST, request.FILES, prefix=item, has_evidence=bool(current and current.evidence))
    check = form_save(
        form,
        lambda: services.company_check_update(engagement=engagement, item=item, actor=ctx.user, **form.cleaned_data),
    )
    if check is not None:
        messages.success(request, f"{check.get_item_display()}: {check.get_status_display().lower()}.")
        return redirect("hiring:vetting", ctx.organization.slug, engagement.pk)
    return render(request, TEMPLATE, _context(ctx, engagement, bound_check=form), status=400)


@org_view("contractor.view")
def company_check_evidence(request, ctx: OrgContext, engagement_id: int, item: str):
    # Evidence is never served from a public media URL: only members of the organization get it,
    # as a download the browser does not render (attachment, no content sniffing).
    engagement = access_engagement(ctx, engagement_id)
    check = selectors.company_check_get(engagement=engagement, item=item)
    if check is None or not check.evidence:
        raise Http404
    try:
        file = check.evidence.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    extension = check.evidence.name.rsplit(".", 1)[-1]
    name = f"{slugify(engagement.contractor.name) or 'contractor'}-{item}.{extension}"
    response = FileResponse(file, as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
