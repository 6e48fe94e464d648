"""Every read of the hiring domain used by pages and the API, one module per area; re-exported here."""

from outsourcer.hiring.selectors.references import *  # noqa: E402,F403
