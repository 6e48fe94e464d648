"""Every read of the hiring domain used by pages and the API, one module per area; re-exported here."""

from outsourcer.hiring.selectors.award import award_page_get, bid_list_other_open  # noqa: F401
