from django.urls import path

from outsourcer.contractors import views

app_name = "contractors"

urlpatterns = [
    path("", views.contractor_list, name="list"),
    path("new/", views.contractor_create, name="create"),
    path("import/", views.contractor_import, name="import"),
    path("import/confirm/", views.contractor_import_confirm, name="import-confirm"),
    path("export.csv", views.contractor_export, name="export"),
    path("<int:engagement_id>/", views.contractor_detail, name="detail"),
    path("<int:engagement_id>/edit/", views.contractor_edit, name="edit"),
    path("<int:engagement_id>/status/", views.engagement_status, name="status"),
    path("<int:engagement_id>/invite/", views.contractor_invite, name="invite"),
]
