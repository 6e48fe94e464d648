"""Audit actions of the contractors domain: contractor records, invitations and engagements."""

from outsourcer.audit.events import action

CONTRACTOR_ADDED = action("contractor_added", "added a contractor")
CONTRACTOR_UPDATED = action("contractor_updated", "updated a contractor")
CONTRACTOR_INVITED = action("contractor_invited", "invited a contractor")
CONTRACTOR_JOINED = action("contractor_joined", "accepted the contractor invitation")
CONTRACTOR_PROFILE_UPDATED = action("contractor_profile_updated", "updated their contractor profile")
CONTRACTORS_IMPORTED = action("contractors_imported", "imported contractors")
ENGAGEMENT_STATUS_CHANGED = action("engagement_status_changed", "changed an engagement's status")
ENGAGEMENT_CAPACITY_CHANGED = action("engagement_capacity_changed", "changed the capacity for this organization")
