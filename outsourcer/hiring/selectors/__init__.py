"""Every read of the hiring domain used by pages and the API, one module per area; re-exported here."""

from outsourcer.hiring.selectors.bids import (
    bid_get_for_contractor,
    bid_list_for_job,
    job_bidder_get,
    job_list_for_contractor,
    organization_choices_for_contractor,
    thread_list_for_job,
    thread_messages,
)
