"""Audit actions of the vetting policy, and how they read on the activity page."""

from outsourcer.audit.actions import field_wording, headed
from outsourcer.audit.events import action

field_wording("min_interviews", "interviews with a scorecard asked for")
field_wording("min_references", "references received asked for")
field_wording("require_company_checks", "verified company checklist requirement")

VETTING_POLICY_UPDATED = action(
    "vetting_policy_updated",
    "changed the vetting policy",
    describe=lambda e: headed("changed the vetting policy", e.changes()),
)
