from django.urls import path

from outsourcer.contracts import time_views, views

app_name = "contracts"

urlpatterns = [
    path("", views.contract_list, name="list"),
    path("new/", views.contract_create, name="create"),
    path("contracts.csv", views.contract_export, name="export"),
    path("<int:contract_id>/", views.contract_detail, name="detail"),
    path("<int:contract_id>/edit/", views.contract_edit, name="edit"),
    path("<int:contract_id>/status/", views.contract_status, name="status"),
    path("<int:contract_id>/milestones/<int:milestone_id>/accept/", views.milestone_accept, name="milestone-accept"),
    path("time/", time_views.time_review, name="time-review"),
    path("time/bulk/", time_views.time_bulk, name="time-bulk"),
    path("time/<int:entry_id>/approve/", time_views.time_approve, name="time-approve"),
    path("time/<int:entry_id>/reject/", time_views.time_reject, name="time-reject"),
]
