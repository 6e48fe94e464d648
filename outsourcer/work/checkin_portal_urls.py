from django.urls import path

from outsourcer.work import views_checkins

app_name = "checkins-portal"

# Under /portal/tasks/ beside the contractor's task pages.
urlpatterns = [
    path("<int:task_id>/checkins/", views_checkins.portal_checkin_post, name="post"),
]
