"""Every write of the hiring domain, one module per area; re-exported here."""

from outsourcer.hiring.services.apply import *  # noqa: F403
from outsourcer.hiring.services.award import bid_award  # noqa: F401
from outsourcer.hiring.services.bids import *  # noqa: F403
from outsourcer.hiring.services.company_checks import *  # noqa: E402,F403
from outsourcer.hiring.services.interviews import (  # noqa: F401
    interview_cancel,
    interview_complete,
    interview_reschedule,
    interview_schedule,
    scorecard_submit,
)
from outsourcer.hiring.services.job_invitations import job_invite  # noqa: F401
from outsourcer.hiring.services.jobs import (  # noqa: F401
    job_create,
    job_share_link_create,
    job_share_link_revoke,
    job_status_change,
    job_update,
)
from outsourcer.hiring.services.merge import bids_move, invitations_move  # noqa: F401
from outsourcer.hiring.services.messages import *  # noqa: F403
from outsourcer.hiring.services.policy import vetting_policy_update  # noqa: F401
from outsourcer.hiring.services.references import *  # noqa: E402,F403
