"""Audit actions of the contracts domain: contracts, milestones and time entries."""

from outsourcer.audit.events import action

CONTRACT_CREATED = action("contract_created", "drafted a contract")
CONTRACT_UPDATED = action("contract_updated", "changed a contract")
CONTRACT_ACTIVATED = action("contract_activated", "activated a contract")
CONTRACT_ACTIVATED_OVER_BUDGET = action("contract_activated_over_budget", "activated a contract over budget")
CONTRACT_COMPLETED = action("contract_completed", "completed a contract")
CONTRACT_ENDED = action("contract_ended", "ended a contract")
MILESTONE_ACCEPTED = action("milestone_accepted", "accepted a milestone")
TIME_ENTRY_CREATED = action("time_entry_created", "logged time")
TIME_ENTRY_UPDATED = action("time_entry_updated", "changed logged time")
TIME_ENTRY_RESUBMITTED = action("time_entry_resubmitted", "corrected rejected time and submitted it again")
TIME_ENTRY_DELETED = action("time_entry_deleted", "deleted logged time")
TIME_ENTRY_APPROVED = action("time_entry_approved", "approved time")
TIME_ENTRY_APPROVED_WITH_OVERRIDE = action("time_entry_approved_with_override", "approved time over the limit")
TIME_ENTRY_REJECTED = action("time_entry_rejected", "rejected time")
RETAINER_FEE_POSTED = action("retainer_fee_posted", "posted a retainer fee")
