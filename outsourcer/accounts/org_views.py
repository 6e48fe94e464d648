"""Organization pages: home, create, members."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from outsourcer.accounts import selectors, services
from outsourcer.accounts.access import OrgContext
from outsourcer.accounts.decorators import org_view
from outsourcer.accounts.forms import InviteMemberForm, OrganizationForm, RoleForm
from outsourcer.accounts.models import Invitation, Membership
from outsourcer.lib.errors import DomainError, apply_to_form


@org_view("org.view")
def org_home(request, ctx: OrgContext):
    from outsourcer.contractors.selectors import contractor_counts_for_organization

    counts = contractor_counts_for_organization(organization=ctx.organization)
    return render(request, "orgs/home.html", {"ctx": ctx, "counts": counts})


@login_required
@require_http_methods(["GET", "POST"])
def org_create(request):
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organization = services.organization_create(owner=request.user, name=form.cleaned_data["name"])
        except DomainError as exc:
            apply_to_form(form, exc)
        else:
            messages.success(request, f"{organization.name} is ready.")
            return redirect("orgs:home", organization.slug)
    return render(request, "orgs/create.html", {"form": form})


@org_view("member.view")
def members(request, ctx: OrgContext):
    return render(
        request,
        "orgs/members.html",
        {
            "ctx": ctx,
            "memberships": selectors.membership_list_for_organization(organization=ctx.organization),
            "invitations": selectors.invitation_list_pending_for_organization(organization=ctx.organization),
            "form": InviteMemberForm(),
        },
    )


@org_view("member.manage", methods=("POST",))
def member_invite(request, ctx: OrgContext):
    form = InviteMemberForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.member_invite(organization=ctx.organization, invited_by=ctx.user, **form.cleaned_data)
        except DomainError as exc:
            apply_to_form(form, exc)
        else:
            messages.success(request, f"Invitation sent to {invitation.email}.")
            return redirect("orgs:members", ctx.organization.slug)
    context = {
        "ctx": ctx,
        "memberships": selectors.membership_list_for_organization(organization=ctx.organization),
        "invitations": selectors.invitation_list_pending_for_organization(organization=ctx.organization),
        "form": form,
    }
    return render(request, "orgs/members.html", context, status=400)


@org_view("member.manage", methods=("POST",))
def member_role(request, ctx: OrgContext, membership_id: int):
    membership = get_object_or_404(Membership, organization=ctx.organization, pk=membership_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose owner, manager or viewer.")
        return redirect("orgs:members", ctx.organization.slug)
    try:
        services.member_role_change(membership=membership, role=form.cleaned_data["role"], actor=ctx.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{membership.user.display_name} is now {form.cleaned_data['role']}.")
    return redirect("orgs:members", ctx.organization.slug)


@org_view("member.manage", methods=("POST",))
def member_remove(request, ctx: OrgContext, membership_id: int):
    membership = get_object_or_404(Membership.objects.select_related("user"), organization=ctx.organization, pk=membership_id)
    try:
        services.member_remove(membership=membership, actor=ctx.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{membership.user.display_name} no longer has access.")
    return redirect("orgs:members", ctx.organization.slug)


@org_view("member.manage", methods=("POST",))
def invitation_revoke(request, ctx: OrgContext, invitation_id: int):
    invitation = get_object_or_404(Invitation, organization=ctx.organization, pk=invitation_id)
    services.invitation_revoke(invitation=invitation, actor=ctx.user)
    messages.success(request, f"The invitation for {invitation.email} is withdrawn.")
    return redirect("orgs:members", ctx.organization.slug)
