"""The signed-in user's in-app notifications: the list and marking them read."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from outsourcer.lib.pagination import CappedPaginator
from outsourcer.notifications import selectors, services

PAGE_SIZE = 25


@login_required
@require_GET
def notification_list(request):
    unread_only = request.GET.get("show") == "unread"
    notifications = selectors.notification_rows_for_user(user=request.user, unread_only=unread_only)
    context = {
        "page": CappedPaginator(notifications, PAGE_SIZE, count_past_first_page=True).get_page(request.GET.get("page")),
        "unread_only": unread_only,
    }
    return render(request, "notifications/list.html", context)


@login_required
@require_POST
def notification_read(request, notification_id: int):
    # Scoped to the caller in the query: someone else's notification is a 404, like a missing one.
    if not selectors.notification_list_for_user(user=request.user).filter(pk=notification_id).exists():
        raise Http404
    services.notification_mark_read(user=request.user, notification_id=notification_id)
    target = request.POST.get("open", "")
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request):
    services.notification_mark_read(user=request.user)
    return redirect("notifications:list")
