"""The vetting gate: whether an engagement meets the organization's vetting policy.

The policy (VettingPolicy, or its defaults when the organization has none) asks for a number of
interviews that have at least one scorecard, a number of references received, and optionally every
company-check item verified. Awarding work to an engagement that does not pass needs an owner's
override with a reason (services/award.py).
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from outsourcer.hiring.models import (
    CompanyCheck,
    CompanyCheckItem,
    CompanyCheckStatus,
    Interview,
    InterviewStatus,
    ReferenceCheck,
    ReferenceStatus,
    VettingPolicy,
)

DEFAULT_POLICY = VettingPolicy(min_interviews=1, min_references=2, require_company_checks=False)


@dataclass(frozen=True)
class VettingResult:
    """Where one engagement stands against the policy; `missing` says what is left, in words."""

    interviews: int
    references: int
    checks_verified: int
    policy: VettingPolicy
    missing: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.missing


def vetting_policy_get(*, organization) -> VettingPolicy:
    """The organization's policy, or an unsaved one with the defaults."""
    policy = VettingPolicy.objects.filter(organization=organization).first()
    if policy is None:
        policy = VettingPolicy(
            organization=organization,
            min_interviews=DEFAULT_POLICY.min_interviews,
            min_references=DEFAULT_POLICY.min_references,
            require_company_checks=DEFAULT_POLICY.require_company_checks,
        )
    return policy


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def vetting_results(*, organization, engagement_ids) -> dict[int, VettingResult]:
    """Each engagement's standing against the policy, in three queries whatever their number."""
    ids = list(engagement_ids)
    policy = vetting_policy_get(organization=organization)
    interviews = dict(
        Interview.objects.filter(organization=organization, engagement_id__in=ids)
        .exclude(status=InterviewStatus.CANCELLED)
        .filter(scorecards__isnull=False)
        .values("engagement_id")
        .annotate(n=Count("id", distinct=True))
        .values_list("engagement_id", "n")
    )
    references = dict(
        ReferenceCheck.objects.filter(organization=organization, engagement_id__in=ids, status=ReferenceStatus.RECEIVED)
        .values("engagement_id")
        .annotate(n=Count("id"))
        .values_list("engagement_id", "n")
    )
    checks = dict(
        CompanyCheck.objects.filter(organization=organization, engagement_id__in=ids)
        .values("engagement_id")
        .annotate(n=Count("id", filter=Q(status=CompanyCheckStatus.VERIFIED)))
        .values_list("engagement_id", "n")
    )
    all_items = len(CompanyCheckItem.values)
    results = {}
    for engagement_id in ids:
        done = (interviews.get(engagement_id, 0), references.get(engagement_id, 0), checks.get(engagement_id, 0))
        missing = []
        if done[0] < policy.min_interviews:
            missing.append(f"{_plural(policy.min_interviews - done[0], 'interview')} with a scorecard")
        if done[1] < policy.min_references:
            missing.append(f"{_plural(policy.min_references - done[1], 'reference')} received")
        if policy.require_company_checks and done[2] < all_items:
            missing.append(f"{_plural(all_items - done[2], 'company check')} verified")
        results[engagement_id] = VettingResult(*done, policy=policy, missing=missing)
    return results


def vetting_result(*, organization, engagement_id: int) -> VettingResult:
    """One engagement's standing against the policy."""
    return vetting_results(organization=organization, engagement_ids=[engagement_id])[engagement_id]
