"""Every read of the hiring domain used by pages and the API, one module per area; re-exported here."""

from outsourcer.hiring.selectors.award import award_page_get, bid_list_other_open  # noqa: F401
from outsourcer.hiring.selectors.bids import *  # noqa: F403
from outsourcer.hiring.selectors.comparison import (  # noqa: F401
    SORTS,
    ComparedBid,
    Comparison,
    bid_comparison,
    bid_comparison_csv_rows,
)
from outsourcer.hiring.selectors.interviews import (  # noqa: F401
    engagement_choices_for_interviews,
    interview_list_for_contractor,
    interview_list_for_organization,
    interviewer_choices,
    interviewer_users,
    job_choices_for_interviews,
    scorecard_averages,
    scorecard_list_for_interview,
)
from outsourcer.hiring.selectors.jobs import (  # noqa: F401
    JobShareLinkUnusable,
    expected_text,
    job_bid_summary,
    job_for_share_token,
    job_invitation_list_for_job,
    job_invite_choices,
    job_list_for_organization,
    job_portal_url,
    job_share_is_live,
    job_share_token,
    job_share_url,
)
from outsourcer.hiring.selectors.references import *  # noqa: E402,F403
