"""The home pages: `/` sends the caller where their work is, and an organization's home shows what
needs the caller today (home/needs.py), its contractors and recent activity. They read every
domain, so they live here, above the domains (docs/architecture.md)."""

from django.shortcuts import redirect, render

from outsourcer.accounts.access import OrgContext
from outsourcer.accounts.decorators import current_org_slug, org_view
from outsourcer.audit.selectors import event_list_recent_for_organization
from outsourcer.budgets.periods import today_for
from outsourcer.budgets.selectors import budget_list_for_organization
from outsourcer.contractors.selectors import contractor_counts_for_organization
from outsourcer.home.charts import home_charts
from outsourcer.home.needs import needs_for_today
from outsourcer.home.workspace import workspace_for_user


def home(request):
    """Send the caller where their work is: their current organization, else the portal."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    workspace = workspace_for_user(request.user)
    current = current_org_slug(request)
    slugs = [m.organization.slug for m in workspace.memberships]
    if current in slugs:
        return redirect("orgs:home", current)
    if workspace.is_contractor and current == "":
        return redirect("portal:home")
    if slugs:
        return redirect("orgs:home", slugs[0])
    if workspace.is_contractor:
        return redirect("portal:home")
    return redirect("orgs:create")


@org_view("org.view")
def org_home(request, ctx: OrgContext):
    counts = contractor_counts_for_organization(organization=ctx.organization)
    recent = event_list_recent_for_organization(organization=ctx.organization) if ctx.may("activity.view") else []
    today = today_for(ctx.organization)
    budgets = budget_list_for_organization(organization=ctx.organization, today=today)
    context = {
        "ctx": ctx,
        "needs": needs_for_today(ctx, today=today, budgets=budgets),
        "charts": home_charts(ctx, today=today, budgets=budgets),
        "counts": counts,
        "recent_events": recent,
    }
    return render(request, "orgs/home.html", context)
