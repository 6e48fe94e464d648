"""Every write of the hiring domain, one module per area; re-exported here."""

from outsourcer.hiring.services.company_checks import company_check_update  # noqa: E402
from outsourcer.hiring.services.references import (  # noqa: E402
    reference_answer,
    reference_expire,
    reference_remind,
    reference_request,
)
