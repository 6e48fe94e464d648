from django.urls import path

from outsourcer.hiring.views import award as award_views
from outsourcer.hiring.views import bids as bid_views
from outsourcer.hiring.views import comparison, interviews, jobs, references, trust
from outsourcer.hiring.views import policy as policy_views

app_name = "hiring"

# Organization pages under /o/<org>/hiring/; each area adds its paths in its own block.
urlpatterns = [
    # jobs
    path("jobs/", jobs.job_list, name="job-list"),
    path("jobs/new/", jobs.job_create, name="job-create"),
    path("jobs/similar/", jobs.job_similar, name="job-similar"),
    path("jobs/<int:job_id>/", jobs.job_detail, name="job-detail"),
    path("jobs/<int:job_id>/edit/", jobs.job_edit, name="job-edit"),
    path("jobs/<int:job_id>/status/", jobs.job_status, name="job-status"),
    path("jobs/<int:job_id>/invite/", jobs.job_invite, name="job-invite"),
    path("jobs/<int:job_id>/share/", jobs.job_share, name="job-share"),
    path("jobs/<int:job_id>/share/revoke/", jobs.job_share_revoke, name="job-share-revoke"),
]

# bids: a bidder's Q&A thread
urlpatterns += [
    path("jobs/<int:job_id>/threads/<int:contractor_id>/", bid_views.job_thread, name="job-thread"),
    path("jobs/<int:job_id>/threads/<int:contractor_id>/read/", bid_views.job_thread_read, name="job-thread-read"),
    path(
        "jobs/<int:job_id>/threads/<int:contractor_id>/messages/<int:message_id>/attachment/",
        bid_views.job_thread_attachment,
        name="job-thread-attachment",
    ),
    # references and company checks (an engagement's vetting page)
    path("contractors/<int:engagement_id>/vetting/", references.vetting, name="vetting"),
    path(
        "contractors/<int:engagement_id>/vetting/references/",
        references.reference_request,
        name="reference-request",
    ),
    path(
        "contractors/<int:engagement_id>/vetting/checks/<slug:item>/",
        references.company_check_update,
        name="company-check-update",
    ),
    path(
        "contractors/<int:engagement_id>/vetting/checks/<slug:item>/evidence/",
        references.company_check_evidence,
        name="company-check-evidence",
    ),
]

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

# comparison and trust
urlpatterns += [
    path("jobs/<int:job_id>/compare/", comparison.job_compare, name="job-compare"),
    path("jobs/<int:job_id>/compare.csv", comparison.job_compare_csv, name="job-compare-csv"),
    path("contractors/<int:engagement_id>/trust/", trust.engagement_trust, name="trust"),
]

# award and the vetting policy
urlpatterns += [
    path("jobs/<int:job_id>/bids/<int:bid_id>/award/", award_views.bid_award, name="bid-award"),
    path("policy/", policy_views.vetting_policy, name="vetting-policy"),
]
