from django.urls import path  # noqa: F401

from outsourcer.hiring.views import interviews

app_name = "hiring-portal"

# The contractor's hiring pages under /portal/hiring/ (invitations, bids, Q&A, interviews).
urlpatterns = []

# Interviews: the schedule only.
urlpatterns += [
    path("interviews/", interviews.portal_interview_list, name="interviews"),
]
