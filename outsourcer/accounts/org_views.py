"""Organization pages: create, settings, members (the organization's home page is in home/views.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from outsourcer.accounts import selectors, services
from outsourcer.accounts.access import OrgContext
from outsourcer.accounts.decorators import forget_current_org, org_view
from outsourcer.accounts.forms import InviteMemberForm, MemberFilterForm, OrganizationForm, RoleForm
from outsourcer.accounts.models import Invitation, Membership
from outsourcer.accounts.roles import Role
from outsourcer.lib.errors import DomainError, apply_to_form
from outsourcer.lib.forms import form_page
from outsourcer.lib.pagination import CappedPaginator
from outsourcer.lib.pickers import guess_currency_into

MEMBERS_PER_PAGE = 25


@login_required
@require_http_methods(["GET", "POST"])
def org_create(request):
    form = OrganizationForm(request.POST or None, initial={"time_zone": request.user.time_zone})
    guess_currency_into(form, request)
    if request.method == "POST" and form.is_valid():
        try:
            organization = services.organization_create(owner=request.user, **form.cleaned_data)
        except DomainError as exc:
            apply_to_form(form, exc)
        else:
            messages.success(request, f"{organization.name} is ready. Add your first contractor.")
            return redirect("orgs:home", organization.slug)
    return form_page(request, "orgs/create.html", {"form": form})


@org_view("org.manage", methods=("GET", "POST"))
def org_settings(request, ctx: OrgContext):
    organization = ctx.organization
    initial = {"name": organization.name, "currency": organization.currency, "time_zone": organization.time_zone}
    form = OrganizationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.organization_update(organization=organization, actor=ctx.user, **form.cleaned_data)
        except DomainError as exc:
            apply_to_form(form, exc)
        else:
            messages.success(request, "The organization settings are saved.")
            return redirect("orgs:settings", organization.slug)
    return form_page(request, "orgs/settings.html", {"ctx": ctx, "form": form})


def _members_page(request, ctx: OrgContext, *, invite_form=None, role_errors=None, status: int = 200):
    filter_form = MemberFilterForm(request.GET)
    q, role = (
        ("", "") if not filter_form.is_valid() else (filter_form.cleaned_data["q"], filter_form.cleaned_data["role"])
    )
    memberships = selectors.membership_list_for_organization(organization=ctx.organization, q=q.strip(), role=role)
    page = CappedPaginator(memberships, MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    for membership in page.object_list:
        membership.role_error = (role_errors or {}).get(membership.pk, "")
    owner_count = selectors.owner_count_for_organization(organization=ctx.organization)
    context = {
        "ctx": ctx,
        "filter_form": filter_form,
        "is_filtered": bool(q or role),
        "page": page,
        "owner_count": owner_count,
        "is_last_owner": ctx.membership.role == Role.OWNER and owner_count == 1,
        "role_choices": RoleForm.base_fields["role"].choices,
        "may_manage": ctx.may("member.manage"),
    }
    if context["may_manage"]:
        context["invitations"] = selectors.invitation_list_pending_for_organization(organization=ctx.organization)
        context["form"] = invite_form or InviteMemberForm()
    return render(request, "orgs/members.html", context, status=status)


@org_view("member.view")
def members(request, ctx: OrgContext):
    return _members_page(request, ctx)


@org_view("member.manage", methods=("POST",))
def member_invite(request, ctx: OrgContext):
    form = InviteMemberForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.member_invite(organization=ctx.organization, invited_by=ctx.user, **form.cleaned_data)
        except DomainError as exc:
            apply_to_form(form, exc)
        else:
            messages.success(request, f"Invitation sent to {invitation.email}. The link works for 7 days.")
            return redirect("orgs:members", ctx.organization.slug)
    return _members_page(request, ctx, invite_form=form, status=400)


@org_view("member.manage", methods=("POST",))
def member_role(request, ctx: OrgContext, membership_id: int):
    membership = get_object_or_404(
        Membership.objects.select_related("user"), organization=ctx.organization, pk=membership_id
    )
    form = RoleForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError("Choose owner, manager or viewer.", field="role")
        changed = services.member_role_change(membership=membership, role=form.cleaned_data["role"], actor=ctx.user)
    except DomainError as exc:
        return _members_page(request, ctx, role_errors={membership.pk: exc.message}, status=400)
    messages.success(request, f"{membership.user.display_name} is now {changed.get_role_display().lower()}.")
    return redirect("orgs:members", ctx.organization.slug)


@org_view("member.manage", methods=("POST",))
def member_remove(request, ctx: OrgContext, membership_id: int):
    membership = get_object_or_404(
        Membership.objects.select_related("user"), organization=ctx.organization, pk=membership_id
    )
    try:
        services.member_remove(membership=membership, actor=ctx.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("orgs:members", ctx.organization.slug)
    if membership.user_id == ctx.user.pk:
        return _left(request, ctx)
    messages.success(request, f"{membership.user.display_name} no longer has access to {ctx.organization.name}.")
    return redirect("orgs:members", ctx.organization.slug)


@org_view("org.view", methods=("POST",))
def member_leave(request, ctx: OrgContext):
    try:
        services.member_remove(membership=ctx.membership, actor=ctx.user)
    except DomainError as exc:
        messages.error(request, f"{exc.message} Make someone else an owner first.")
        return redirect("orgs:members", ctx.organization.slug)
    return _left(request, ctx)


def _left(request, ctx: OrgContext):
    messages.success(request, f"You left {ctx.organization.name}.")
    return forget_current_org(redirect("home"))


@org_view("member.manage", methods=("POST",))
def invitation_revoke(request, ctx: OrgContext, invitation_id: int):
    invitation = get_object_or_404(
        Invitation, organization=ctx.organization, kind=Invitation.Kind.MEMBER, pk=invitation_id
    )
    try:
        services.invitation_revoke(invitation=invitation, actor=ctx.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"The invitation for {invitation.email} is withdrawn; its link no longer works.")
    return redirect("orgs:members", ctx.organization.slug)
