from django.urls import path

from outsourcer.contractors import portal_views
from outsourcer.contracts import portal_views as time_views

app_name = "portal"

urlpatterns = [
    path("", portal_views.portal_home, name="home"),
    path("profile/", portal_views.portal_profile, name="profile"),
    path("clients/<int:engagement_id>/capacity/", portal_views.engagement_capacity, name="capacity"),
    path("time/", time_views.portal_time, name="time"),
    path("time/understood/", time_views.portal_time_understood, name="time-understood"),
    path("time/<int:entry_id>/", time_views.portal_time_edit, name="time-edit"),
    path("time/<int:entry_id>/delete/", time_views.portal_time_delete, name="time-delete"),
]
