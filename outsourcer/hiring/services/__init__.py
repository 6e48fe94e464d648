"""Every write of the hiring domain, one module per area; re-exported here."""

from outsourcer.hiring.services.interviews import (  # noqa: F401
    interview_cancel,
    interview_complete,
    interview_reschedule,
    interview_schedule,
    scorecard_submit,
)
