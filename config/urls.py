from django.contrib import admin
from django.http import HttpResponse, JsonResponse
from django.urls import include, path, re_path
from django.views.decorators.http import require_GET

from outsourcer.api.api import api
from outsourcer.api.errors import error_body
from outsourcer.home import views as home_views


@require_GET
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


def api_not_found(request, rest: str):
    # Anything under /api/v1/ that no operation matched still answers in the API's error format.
    return JsonResponse(error_body("No API operation at this path.", "not_found"), status=404)


urlpatterns = [
    path("", home_views.home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("outsourcer.accounts.urls")),
    path("", include("outsourcer.accounts.org_urls")),
    path("o/<slug:org_slug>/contractors/", include("outsourcer.contractors.urls")),
    path("o/<slug:org_slug>/budgets/", include("outsourcer.budgets.urls")),
    path("o/<slug:org_slug>/contracts/", include("outsourcer.contracts.urls")),
    path("o/<slug:org_slug>/activity/", include("outsourcer.audit.urls")),
    path("o/<slug:org_slug>/hiring/", include("outsourcer.hiring.urls")),
    path("o/<slug:org_slug>/tasks/", include("outsourcer.work.urls")),
    path("o/<slug:org_slug>/tasks/", include("outsourcer.work.checkin_urls")),
    path("o/<slug:org_slug>/oversight/", include("outsourcer.oversight.urls")),
    path("o/<slug:org_slug>/utilization/", include("outsourcer.oversight.urls_utilization")),
    path("o/<slug:org_slug>/feedback/", include("outsourcer.oversight.urls_feedback")),
    path("portal/feedback/", include("outsourcer.oversight.portal_urls_feedback")),
    path("o/<slug:org_slug>/health/", include("outsourcer.oversight.urls_health")),
    path("portal/hiring/", include("outsourcer.hiring.portal_urls")),
    path("portal/tasks/", include("outsourcer.work.portal_urls")),
    path("portal/tasks/", include("outsourcer.work.checkin_portal_urls")),
    path("portal/deliverables/", include("outsourcer.oversight.portal_urls")),
    path("h/", include("outsourcer.hiring.public_urls")),
    path("portal/", include("outsourcer.contractors.portal_urls")),
    path("calendar/", include("outsourcer.work.calendar_urls")),
    path("notifications/", include("outsourcer.notifications.urls")),
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<rest>.*)$", api_not_found),
    path("admin/", admin.site.urls),
]

# Requests Django refuses before a view runs (e.g. a body over 10 MB) answer /api/ callers in JSON.
handler400 = "outsourcer.api.handlers.bad_request"
