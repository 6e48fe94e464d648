"""The vetting policy page: every member reads what the organization asks before work is awarded;
owners change it (one call to services.vetting_policy_update)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from outsourcer.accounts.access import OrgContext
from outsourcer.accounts.decorators import org_view
from outsourcer.hiring import services
from outsourcer.hiring.forms.policy import VettingPolicyForm
from outsourcer.hiring.vetting import vetting_policy_get
from outsourcer.lib.forms import form_page, form_save, post_data


@org_view("job.view", methods=("GET", "POST"))
def vetting_policy(request, ctx: OrgContext):
    may_edit = ctx.may("vetting.policy")
    if request.method == "POST" and not may_edit:
        raise PermissionDenied
    policy = vetting_policy_get(organization=ctx.organization)
    initial = {f: getattr(policy, f) for f in ("min_interviews", "min_references", "require_company_checks")}
    form = VettingPolicyForm(post_data(request), initial=initial)
    saved = form_save(
        form,
        lambda: services.vetting_policy_update(organization=ctx.organization, actor=ctx.user, **form.cleaned_data),
    )
    if saved is not None:
        messages.success(request, "Vetting policy saved. It applies to every award from now on.")
        return redirect("hiring:vetting-policy", ctx.organization.slug)
    context = {"ctx": ctx, "form": form, "policy": policy, "may_edit": may_edit, "is_default": policy.pk is None}
    return form_page(request, "hiring/policy/policy.html", context)
