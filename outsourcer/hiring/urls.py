from django.urls import path

from outsourcer.hiring.views import comparison, trust

app_name = "hiring"

# Organization pages under /o/<org>/hiring/; each area adds its paths in its own block.
urlpatterns = []

# comparison and trust
urlpatterns += [
    path("jobs/<int:job_id>/compare/", comparison.job_compare, name="job-compare"),
    path("jobs/<int:job_id>/compare.csv", comparison.job_compare_csv, name="job-compare-csv"),
    path("contractors/<int:engagement_id>/trust/", trust.engagement_trust, name="trust"),
]
