from django.urls import path

from outsourcer.oversight import views_feedback as views

app_name = "feedback"

# Under /o/<org>/feedback/.
urlpatterns = [
    path("", views.feedback_list, name="list"),
    path("owed/", views.feedback_owed, name="owed"),
    path("deliverables/<int:deliverable_id>/", views.feedback_give_page, name="give"),
]
