from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_GET

from outsourcer.accounts import views as account_views
from outsourcer.api.api import api


@require_GET
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("", account_views.home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("outsourcer.accounts.urls")),
    path("", include("outsourcer.accounts.org_urls")),
    path("o/<slug:org_slug>/contractors/", include("outsourcer.contractors.urls")),
    path("o/<slug:org_slug>/budgets/", include("outsourcer.budgets.urls")),
    path("o/<slug:org_slug>/contracts/", include("outsourcer.contracts.urls")),
    path("o/<slug:org_slug>/activity/", include("outsourcer.audit.urls")),
    path("portal/", include("outsourcer.contractors.portal_urls")),
    path("notifications/", include("outsourcer.notifications.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
