from django.urls import path

from outsourcer.work import views_checkins

app_name = "checkins"

# Under /o/<org>/tasks/ beside the task pages.
urlpatterns = [
    path("<int:task_id>/checkins/cadence/", views_checkins.checkin_cadence, name="cadence"),
]
