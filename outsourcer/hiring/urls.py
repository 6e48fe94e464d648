from django.urls import path

from outsourcer.hiring.views import references

app_name = "hiring"

# Organization pages under /o/<org>/hiring/; each area adds its paths in its own block.
urlpatterns = [
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
