from django.urls import path

from outsourcer.hiring.views import public as bid_public
from outsourcer.hiring.views import public_references

app_name = "hiring-public"

# Pages that need no login: a job's share link (apply with a bid) and a referee's questionnaire.
urlpatterns = []

# bids: apply through a job's share link
urlpatterns += [
    path("jobs/<str:token>/", bid_public.job_apply, name="job-apply"),
    path("references/<str:token>/", public_references.reference_answer, name="reference-answer"),
]
