from django.urls import path

from outsourcer.oversight import views_feedback as views

app_name = "feedback-portal"

# Under /portal/feedback/.
urlpatterns = [
    path("", views.portal_feedback, name="list"),
    path("tasks/<int:task_id>/rate/", views.portal_rate, name="rate"),
]
