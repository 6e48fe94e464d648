"""The contractor's oversight pages under /portal/deliverables/."""

from django.urls import path

from outsourcer.oversight import portal_views_deliverables as views

app_name = "oversight-portal"

urlpatterns = [
    path("", views.portal_deliverable_list, name="list"),
    path("<int:deliverable_id>/", views.portal_deliverable_detail, name="detail"),
    path("<int:deliverable_id>/files/<int:file_id>/", views.portal_deliverable_file, name="file"),
    path("tasks/<int:task_id>/hand-over/", views.portal_deliverable_submit, name="submit"),
]
