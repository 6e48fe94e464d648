"""Oversight's organization pages under /o/<org>/oversight/. Each concern adds its own url module
(urls_<area>.py) and includes it from config/urls.py under the same prefix."""

from django.urls import path

from outsourcer.oversight import views_deliverables

app_name = "oversight"

urlpatterns = [
    path("reviews/", views_deliverables.review_list, name="reviews"),
    path("deliverables/<int:deliverable_id>/", views_deliverables.deliverable_detail, name="deliverable"),
    path("deliverables/<int:deliverable_id>/review/", views_deliverables.deliverable_review, name="deliverable-review"),
    path(
        "deliverables/<int:deliverable_id>/files/<int:file_id>/",
        views_deliverables.deliverable_file,
        name="deliverable-file",
    ),
]
