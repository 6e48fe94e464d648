"""Every write of the hiring domain, one module per area; re-exported here."""

from outsourcer.hiring.services.company_checks import *  # noqa: E402,F403
from outsourcer.hiring.services.references import *  # noqa: E402,F403
