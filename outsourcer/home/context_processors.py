from outsourcer.home.workspace import workspace_for_user


def workspace(request):
    """Navigation data for the shell: the caller's organizations, the current one and its role."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    ctx = getattr(request, "org_ctx", None)
    organization_id = ctx.organization.pk if ctx is not None else None
    return {"workspace": workspace_for_user(user, organization_id), "org_ctx": ctx}
