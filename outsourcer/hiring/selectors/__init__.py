"""Every read of the hiring domain used by pages and the API, one module per area; re-exported here."""

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
