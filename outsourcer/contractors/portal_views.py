"""The contractor portal: the clients a contractor works for, their profile and capacity.

Nothing here reads an organization's notes, scores or other contractors: only the caller's own
profile and their own engagements (organization name, status, the capacity they give it).
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from outsourcer.contractors import selectors, services
from outsourcer.contractors.decorators import contractor_view
from outsourcer.contractors.forms import CapacityForm, ContractorProfileForm
from outsourcer.contractors.models import Contractor, Engagement
from outsourcer.hiring import selectors as hiring_selectors
from outsourcer.lib.durations import duration_text, minutes_to_hours
from outsourcer.lib.errors import DomainError


@contractor_view()
def portal_home(request, contractor: Contractor):
    engagements = list(selectors.engagement_list_for_contractor(contractor=contractor))
    given = selectors.capacity_given_minutes(contractor=contractor)
    context = {
        "portal": True,
        "contractor": contractor,
        "engagements": engagements,
        "given_minutes": given,
        "left_minutes": contractor.weekly_capacity_minutes - given,
        "hiring": hiring_selectors.portal_hiring_counts(contractor=contractor),
    }
    return render(request, "portal/home.html", context)


def _capacity_form(engagement: Engagement, data=None) -> CapacityForm:
    # One small form per client on the same page: ids must not collide.
    return CapacityForm(
        data, auto_id=f"id_e{engagement.pk}_%s", initial={"hours": minutes_to_hours(engagement.weekly_capacity_minutes)}
    )


def _render_profile(request, contractor: Contractor, form, *, failed: tuple[int, CapacityForm] | None = None):
    engagements = list(selectors.engagement_list_for_contractor(contractor=contractor))
    rows = [(e, failed[1] if failed and failed[0] == e.pk else _capacity_form(e)) for e in engagements]
    given = selectors.capacity_given_minutes(contractor=contractor)
    context = {
        "portal": True,
        "contractor": contractor,
        "form": form,
        "capacity_rows": rows,
        "given_minutes": given,
        "left_minutes": contractor.weekly_capacity_minutes - given,
    }
    failed_any = bool(form.errors) or (failed is not None and failed[1].errors)
    return render(request, "portal/profile.html", context, status=400 if failed_any else 200)


@contractor_view(methods=("GET", "POST"))
def portal_profile(request, contractor: Contractor):
    data = request.POST if request.method == "POST" else None
    form = ContractorProfileForm(data, initial=ContractorProfileForm.initial_for(contractor))
    if form.is_bound and form.is_valid():
        try:
            services.contractor_profile_update(contractor=contractor, actor=request.user, profile=form.profile())
        except DomainError as exc:
            form.apply_service_error(exc)
        else:
            messages.success(request, "Your profile is saved. Every client you work for sees the update.")
            return redirect("portal:profile")
    return _render_profile(request, contractor, form)


@contractor_view(methods=("POST",))
def engagement_capacity(request, contractor: Contractor, engagement_id: int):
    # Scoped to the caller's own contractor in the query: another contractor's engagement is a 404.
    engagement = get_object_or_404(
        Engagement.objects.select_related("organization"), pk=engagement_id, contractor=contractor
    )
    form = _capacity_form(engagement, request.POST)
    if form.is_valid():
        try:
            services.engagement_capacity_set(engagement=engagement, actor=request.user, minutes=form.minutes())
        except DomainError as exc:
            form.add_error("hours", exc.message)
        else:
            messages.success(
                request,
                f"{engagement.organization.name} can now plan with {duration_text(form.minutes())} a week.",
            )
            return redirect("portal:profile")
    profile_form = ContractorProfileForm(initial=ContractorProfileForm.initial_for(contractor))
    return _render_profile(request, contractor, profile_form, failed=(engagement.pk, form))
