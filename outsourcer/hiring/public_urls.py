from django.urls import path

from outsourcer.hiring.views import jobs

app_name = "hiring-public"

# Pages that need no login: a job's share link (apply with a bid) and a referee's questionnaire.
urlpatterns = [
    # Placeholder until the bids area's public apply page is merged (it replaces this line).
    path("jobs/<str:token>/", jobs.public_apply_placeholder, name="job-apply"),
]
