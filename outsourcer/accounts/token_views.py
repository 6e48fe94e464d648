"""Pages for personal API tokens: list, create (the secret is shown once), revoke."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from outsourcer.accounts.forms import TokenForm
from outsourcer.accounts.roles import role_may
from outsourcer.accounts.selectors import token_list_for_user
from outsourcer.accounts.services import api_token_create, api_token_revoke
from outsourcer.home.workspace import workspace_for_user
from outsourcer.lib.errors import DomainError, apply_to_form
from outsourcer.lib.pagination import CappedPaginator

PORTAL_SCOPE = "portal"


def _scopes(user) -> tuple[list[tuple[str, str]], dict[str, object]]:
    """Scope choices for the form, and what each value stands for (an Organization, or None for the portal)."""
    workspace = workspace_for_user(user)
    choices, targets = [], {}
    for membership in workspace.memberships:
        if role_may(membership.role, "token.manage"):
            value = f"org:{membership.organization_id}"
            choices.append((value, f"{membership.organization.name} ({membership.get_role_display()})"))
            targets[value] = membership.organization
    if workspace.is_contractor:
        choices.append((PORTAL_SCOPE, "Contractor portal"))
        targets[PORTAL_SCOPE] = None
    return choices, targets


def _page(request, form, *, new_token: str = "", status: int = 200):
    tokens = CappedPaginator(token_list_for_user(user=request.user), 25).get_page(request.GET.get("page"))
    context = {"tokens": tokens, "form": form, "new_token": new_token}
    return render(request, "accounts/tokens.html", context, status=status)


@login_required
@require_GET
def token_list(request):
    choices, _ = _scopes(request.user)
    return _page(request, TokenForm(scopes=choices))


@never_cache
@login_required
@require_POST
def token_create(request):
    choices, targets = _scopes(request.user)
    form = TokenForm(request.POST, scopes=choices)
    if form.is_valid():
        try:
            _, raw = api_token_create(
                user=request.user, name=form.cleaned_data["name"], organization=targets[form.cleaned_data["scope"]]
            )
        except DomainError as exc:
            apply_to_form(form, exc)
        else:
            # The secret exists only in this response: it is not stored, so it cannot be shown again.
            return _page(request, TokenForm(scopes=choices), new_token=raw)
    return _page(request, form)


@login_required
@require_POST
def token_revoke(request, token_id: int):
    token = get_object_or_404(token_list_for_user(user=request.user), pk=token_id)
    api_token_revoke(token=token, actor=request.user)
    messages.success(request, f"Token “{token.name}” is revoked; programs using it can no longer sign in.")
    return redirect("accounts:tokens")
