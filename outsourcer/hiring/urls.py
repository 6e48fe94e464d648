from django.urls import path

from outsourcer.hiring.views import award as award_views
from outsourcer.hiring.views import policy as policy_views

app_name = "hiring"

# Organization pages under /o/<org>/hiring/; each area adds its paths in its own block.
urlpatterns = [
    # award (sections 6 and 7 of issue 11)
    path("jobs/<int:job_id>/bids/<int:bid_id>/award/", award_views.bid_award, name="bid-award"),
    path("policy/", policy_views.vetting_policy, name="vetting-policy"),
]
