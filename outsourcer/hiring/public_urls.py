from django.urls import path

from outsourcer.hiring.views import public_references

app_name = "hiring-public"

# Pages that need no login: a job's share link (apply with a bid) and a referee's questionnaire.
urlpatterns = [
    path("references/<str:token>/", public_references.reference_answer, name="reference-answer"),
]
