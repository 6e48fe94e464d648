from django.urls import path  # noqa: F401

from outsourcer.hiring.views import bids as bid_views

app_name = "hiring"

# Organization pages under /o/<org>/hiring/; each area adds its paths in its own block.
urlpatterns = []

# bids: a bidder's Q&A thread
urlpatterns += [
    path("jobs/<int:job_id>/threads/<int:contractor_id>/", bid_views.job_thread, name="job-thread"),
    path("jobs/<int:job_id>/threads/<int:contractor_id>/read/", bid_views.job_thread_read, name="job-thread-read"),
]
