"""Contractor directory pages for organization members: list, add, detail, edit, status, invite,
CSV import and export."""

import hashlib
import json

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from outsourcer.accounts.access import OrgContext
from outsourcer.accounts.decorators import org_view
from outsourcer.contractors import csv_io, selectors, services
from outsourcer.contractors.access import access_engagement
from outsourcer.contractors.flows import allowed_targets
from outsourcer.contractors.forms import (
    ContractorForm,
    EngagementForm,
    ImportForm,
    InviteForm,
    StatusForm,
    working_hours_initial,
)
from outsourcer.contractors.models import Engagement, EngagementStatus
from outsourcer.contracts import selectors as contract_selectors
from outsourcer.lib.csv_files import csv_response
from outsourcer.lib.errors import DomainError, apply_to_form
from outsourcer.lib.forms import form_page, form_save, post_data
from outsourcer.lib.pagination import CappedPaginator
from outsourcer.lib.timezones import DEFAULT_WORKING_HOURS

PAGE_SIZE = 25
IMPORT_SESSION_KEY = "contractor_import"


def _filters(request) -> dict[str, str]:
    def param(name: str) -> str:
        # NUL would reach PostgreSQL as a DataError (a 500); nothing legitimate contains it.
        return request.GET.get(name, "").replace("\x00", "").strip()[:200]

    status = param("status")
    return {"search": param("q"), "skill": param("skill"), "status": status if status in EngagementStatus else ""}


@org_view("contractor.view")
def contractor_list(request, ctx: OrgContext):
    filters = _filters(request)
    engagements = selectors.engagement_list_for_organization(organization=ctx.organization, **filters)
    context = {
        "ctx": ctx,
        "filters": filters,
        "is_filtered": any(filters.values()),
        "now": timezone.now(),
        "page": CappedPaginator(engagements, PAGE_SIZE).get_page(request.GET.get("page")),
        "skills": selectors.skill_list_for_organization(organization=ctx.organization),
        "statuses": EngagementStatus.choices,
        "export_query": request.GET.urlencode(),
    }
    # htmx filtering swaps only the results, so focus stays in the search box.
    template = "contractors/list.html#results" if request.headers.get("HX-Request") else "contractors/list.html"
    return render(request, template, context)


@org_view("contractor.edit", methods=("GET", "POST"))
def contractor_create(request, ctx: OrgContext):
    organization = ctx.organization
    initial = {
        "currency": organization.currency,
        "time_zone": organization.time_zone,
        **working_hours_initial(DEFAULT_WORKING_HOURS),
    }
    form = ContractorForm(post_data(request), initial=initial)
    form.ask_time_zone(organization_name=organization.name, zone=organization.time_zone)
    engagement = form_save(
        form,
        lambda: services.contractor_create(
            organization=organization,
            actor=ctx.user,
            profile=form.profile(),
            notes=form.cleaned_data["notes"],
            status=form.cleaned_data["status"],
            engagement_capacity_minutes=form.capacity_minutes(),
        ),
    )
    if engagement:
        messages.success(request, f"{engagement.contractor.name} is in your directory.")
        return redirect("contractors:detail", organization.slug, engagement.pk)
    context = {"ctx": ctx, "form": form, "title": "Add a contractor"}
    return form_page(request, "contractors/form.html", context)


def _detail_context(ctx: OrgContext, engagement: Engagement, *, invite_form: InviteForm | None = None) -> dict:
    contractor = engagement.contractor
    return {
        "ctx": ctx,
        "engagement": engagement,
        "contractor": contractor,
        "now": timezone.now(),
        "transitions": [(s, EngagementStatus(s).label) for s in allowed_targets(engagement.status)],
        "capacity_left": contractor.weekly_capacity_minutes - selectors.capacity_given_minutes(contractor=contractor),
        "invitation": (
            None if contractor.has_account else selectors.invitation_pending_for_engagement(engagement=engagement)
        ),
        "invite_form": invite_form or InviteForm(initial={"email": contractor.email}),
        "events": selectors.event_list_for_engagement(engagement=engagement),
        # Their contracts with this organization and what each has spent: one query (with_spend).
        "contracts": list(
            contract_selectors.contract_list_for_engagement(organization=ctx.organization, contractor=contractor)
        ),
        "can_edit": ctx.may("contractor.edit"),
        "can_invite": ctx.may("contractor.invite"),
        "can_see_notes": ctx.may("contractor.notes.view"),
        "can_create_contract": ctx.may("contract.manage"),
    }


@org_view("contractor.view")
def contractor_detail(request, ctx: OrgContext, engagement_id: int):
    engagement = access_engagement(ctx, engagement_id)
    return render(request, "contractors/detail.html", _detail_context(ctx, engagement))


@org_view("contractor.edit", methods=("GET", "POST"))
def contractor_edit(request, ctx: OrgContext, engagement_id: int):
    engagement = access_engagement(ctx, engagement_id)
    # Once the contractor has an account the profile is theirs; the organization keeps its notes and capacity.
    owned_by_contractor = engagement.contractor.has_account
    initial = ContractorForm.initial_for_engagement(engagement)
    if owned_by_contractor:
        form = EngagementForm(post_data(request), initial=initial)
    else:
        form = ContractorForm(post_data(request), initial=initial, editing=True)
    saved = form_save(
        form,
        lambda: services.contractor_update(
            engagement=engagement,
            actor=ctx.user,
            profile=None if owned_by_contractor else form.profile(),
            notes=form.cleaned_data["notes"],
            engagement_capacity_minutes=form.capacity_minutes(),
        ),
    )
    if saved:
        messages.success(request, f"{engagement.contractor.name} is saved.")
        return redirect("contractors:detail", ctx.organization.slug, engagement.pk)
    context = {
        "ctx": ctx,
        "form": form,
        "engagement": engagement,
        "owned_by_contractor": owned_by_contractor,
        "capacity_left": (
            engagement.contractor.weekly_capacity_minutes
            - selectors.capacity_given_minutes(contractor=engagement.contractor)
            if owned_by_contractor
            else None
        ),
        "title": f"Edit {engagement.contractor.name}",
    }
    return form_page(request, "contractors/form.html", context)


@org_view("contractor.edit", methods=("POST",))
def engagement_status(request, ctx: OrgContext, engagement_id: int):
    engagement = access_engagement(ctx, engagement_id)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose one of the statuses offered.")
    else:
        try:
            engagement = services.engagement_status_change(
                engagement=engagement, actor=ctx.user, status=form.cleaned_data["status"]
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"{engagement.contractor.name} is now {engagement.get_status_display().lower()}.")
    return redirect("contractors:detail", ctx.organization.slug, engagement.pk)


@org_view("contractor.invite", methods=("POST",))
def contractor_invite(request, ctx: OrgContext, engagement_id: int):
    engagement = access_engagement(ctx, engagement_id)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.contractor_invite(
                engagement=engagement, actor=ctx.user, email=form.cleaned_data["email"] or None
            )
        except DomainError as exc:
            apply_to_form(form, exc)
        else:
            messages.success(request, f"Invitation sent to {invitation.email}.")
            return redirect("contractors:detail", ctx.organization.slug, engagement.pk)
    return render(request, "contractors/detail.html", _detail_context(ctx, engagement, invite_form=form), status=400)


def _digest(rows: list[dict]) -> str:
    return hashlib.sha256(json.dumps(rows, sort_keys=True).encode()).hexdigest()[:32]


def _preview(request, ctx: OrgContext, rows: list[dict], valid: list, errors: list):
    context = {
        "ctx": ctx,
        "valid": valid,
        "errors": errors,
        "digest": _digest(rows),
        "total": len(rows),
        "shown": valid[:100],
        "form": ImportForm(),
    }
    return render(request, "contractors/import.html", context, status=400 if errors else 200)


@org_view("contractor.import", methods=("GET", "POST"))
def contractor_import(request, ctx: OrgContext):
    form = ImportForm(post_data(request), request.FILES or None)
    if form.is_bound and form.is_valid():
        try:
            rows = csv_io.csv_read(form.cleaned_data["file"])
        except csv_io.CsvError as exc:
            form.add_error("file", exc.message)
        else:
            valid, errors = csv_io.rows_validate(rows, organization=ctx.organization)
            # The parsed rows wait in the session (never on disk) until the import is confirmed.
            request.session.pop(IMPORT_SESSION_KEY, None)
            if not errors:
                request.session[IMPORT_SESSION_KEY] = {"organization": ctx.organization.pk, "rows": rows}
            return _preview(request, ctx, rows, valid, errors)
    return form_page(request, "contractors/import.html", {"ctx": ctx, "form": form})


@org_view("contractor.import", methods=("POST",))
def contractor_import_confirm(request, ctx: OrgContext):
    pending = request.session.get(IMPORT_SESSION_KEY) or {}
    rows = pending.get("rows") or []
    if pending.get("organization") != ctx.organization.pk or request.POST.get("digest") != _digest(rows):
        messages.error(request, "That upload is no longer waiting to be imported. Upload the file again.")
        return redirect("contractors:import", ctx.organization.slug)
    try:
        engagements = csv_io.contractor_import(organization=ctx.organization, actor=ctx.user, rows=rows)
    except csv_io.ImportInvalid as exc:
        request.session.pop(IMPORT_SESSION_KEY, None)
        valid, _ = csv_io.rows_validate(rows, organization=ctx.organization)
        return _preview(request, ctx, rows, valid, exc.errors)
    request.session.pop(IMPORT_SESSION_KEY, None)
    messages.success(request, f"Imported {len(engagements)} contractors.")
    return redirect("contractors:list", ctx.organization.slug)


@org_view("contractor.view")
def contractor_export(request, ctx: OrgContext):
    engagements = selectors.engagement_list_for_organization(organization=ctx.organization, **_filters(request))
    rows = csv_io.engagement_csv_rows(engagements.iterator(chunk_size=500))
    return csv_response(rows, filename=f"{ctx.organization.slug}-contractors-{timezone.localdate():%Y-%m-%d}.csv")
