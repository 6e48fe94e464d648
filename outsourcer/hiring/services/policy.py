"""The organization's vetting policy: what a contractor must have passed before work is awarded."""

from typing import Any

from django.db import transaction

from outsourcer.accounts.models import Organization, User
from outsourcer.audit.events import event_record
from outsourcer.hiring.events.policy import VETTING_POLICY_UPDATED
from outsourcer.hiring.models import VettingPolicy
from outsourcer.lib.validation import Errors

# More than this many interviews or references is a typo, not a policy.
MAX_REQUIRED = 10
FIELDS = ("min_interviews", "min_references", "require_company_checks")


def _snapshot(policy: VettingPolicy) -> dict[str, Any]:
    return {field: getattr(policy, field) for field in FIELDS}


def vetting_policy_update(
    *,
    organization: Organization,
    actor: User,
    min_interviews: int,
    min_references: int,
    require_company_checks: bool,
) -> VettingPolicy:
    """Set the organization's vetting policy (creating its row on the first change); 0 asks for
    none. Raises FieldErrors."""
    errors = Errors()
    limits = {"minimum": 0, "maximum": MAX_REQUIRED}
    min_interviews = errors.integer(min_interviews, field="min_interviews", label="Interviews", **limits)
    min_references = errors.integer(min_references, field="min_references", label="References", **limits)
    if not isinstance(require_company_checks, bool):
        errors.add("require_company_checks", "Answer yes or no.")
    errors.raise_if_any()
    with transaction.atomic():
        VettingPolicy.objects.get_or_create(organization=organization)
        policy = VettingPolicy.objects.select_for_update().get(organization=organization)
        # A new row holds the defaults, so "before" is what the organization was asked until now.
        before = _snapshot(policy)
        policy.min_interviews = min_interviews
        policy.min_references = min_references
        policy.require_company_checks = require_company_checks
        policy.save()
        event_record(
            action=VETTING_POLICY_UPDATED,
            organization=organization,
            actor=actor,
            obj=policy,
            before=before,
            after=_snapshot(policy),
        )
    return policy
