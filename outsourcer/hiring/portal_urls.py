from django.urls import path

from outsourcer.hiring.views import interviews
from outsourcer.hiring.views import portal as bid_portal

app_name = "hiring-portal"

# The contractor's hiring pages under /portal/hiring/ (invitations, bids, Q&A, interviews).
urlpatterns = []

# bids: the contractor's jobs, their bid and their Q&A thread
urlpatterns += [
    path("jobs/", bid_portal.job_list, name="job-list"),
    path("jobs/<int:job_id>/", bid_portal.job_detail, name="job-detail"),
    path("jobs/<int:job_id>/bid/", bid_portal.bid_submit, name="bid-submit"),
    path("jobs/<int:job_id>/bid/withdraw/", bid_portal.bid_withdraw, name="bid-withdraw"),
    path("jobs/<int:job_id>/messages/", bid_portal.job_message, name="job-message"),
    path("jobs/<int:job_id>/messages/read/", bid_portal.job_messages_read, name="job-messages-read"),
    path(
        "jobs/<int:job_id>/messages/<int:message_id>/attachment/",
        bid_portal.job_message_attachment,
        name="job-message-attachment",
    ),
]

# Interviews: the schedule only.
urlpatterns += [
    path("interviews/", interviews.portal_interview_list, name="interviews"),
]
