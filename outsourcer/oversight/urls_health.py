from django.urls import path

from outsourcer.oversight import views_health

app_name = "health"

urlpatterns = [
    path("", views_health.health_page, name="page"),
]
