"""Every read of the hiring domain used by pages and the API, one module per area; re-exported here."""

from outsourcer.hiring.selectors.references import (  # noqa: E402
    ReferenceLink,
    company_check_get,
    company_check_list_for_engagement,
    reference_from_token,
    reference_list_for_engagement,
)
