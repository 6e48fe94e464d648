"""Every write of the hiring domain, one module per area; re-exported here."""

from outsourcer.hiring.services.bids import bid_submit, bid_total_cents, bid_withdraw
from outsourcer.hiring.services.messages import job_message_post, job_messages_mark_read
from outsourcer.hiring.services.apply import bid_apply
