from django.urls import path

from outsourcer.contractors import portal_views

app_name = "portal"

urlpatterns = [
    path("", portal_views.portal_home, name="home"),
    path("profile/", portal_views.portal_profile, name="profile"),
    path("clients/<int:engagement_id>/capacity/", portal_views.engagement_capacity, name="capacity"),
]
