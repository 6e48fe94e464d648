from django.urls import path

from outsourcer.oversight import views_utilization

app_name = "utilization"

urlpatterns = [
    path("", views_utilization.utilization_page, name="page"),
    path("consolidation/", views_utilization.consolidation_page, name="consolidation"),
]
