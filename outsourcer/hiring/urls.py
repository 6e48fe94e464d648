from django.urls import path  # noqa: F401

from outsourcer.hiring.views import interviews

app_name = "hiring"

# Organization pages under /o/<org>/hiring/; each area adds its paths in its own block.
urlpatterns = []

# Interviews and scorecards.
urlpatterns += [
    path("interviews/", interviews.interview_list, name="interviews"),
    path("interviews/new/", interviews.interview_create, name="interview-create"),
    path("interviews/time-preview/", interviews.interview_time_preview, name="interview-time-preview"),
    path("interviews/<int:interview_id>/", interviews.interview_detail, name="interview-detail"),
    path("interviews/<int:interview_id>/move/", interviews.interview_reschedule, name="interview-reschedule"),
    path("interviews/<int:interview_id>/cancel/", interviews.interview_cancel, name="interview-cancel"),
    path("interviews/<int:interview_id>/done/", interviews.interview_complete, name="interview-complete"),
    path("interviews/<int:interview_id>/scorecard/", interviews.scorecard_submit, name="interview-scorecard"),
]
