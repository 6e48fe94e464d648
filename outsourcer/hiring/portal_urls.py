from django.urls import path

from outsourcer.hiring.views import jobs

app_name = "hiring-portal"

# The contractor's hiring pages under /portal/hiring/ (invitations, bids, Q&A, interviews).
urlpatterns = [
    # Placeholder until the bids area's portal job page is merged (it replaces this line).
    path("jobs/<int:job_id>/", jobs.portal_job_placeholder, name="job-detail"),
]
