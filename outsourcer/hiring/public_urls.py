from django.urls import path  # noqa: F401

app_name = "hiring-public"

# Pages that need no login: a job's share link (apply with a bid) and a referee's questionnaire.
urlpatterns = []
