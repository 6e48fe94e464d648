"""The vetting gate: whether an engagement meets the organization's vetting policy.

The policy (VettingPolicy, or its defaults when the organization has none) asks for a number of
interviews that have at least one scorecard, a number of references received, and optionally every
company-check item verified. Awarding work to an engagement that does not pass needs an owner's
override with a reason (services/award.py).
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce

from outsourcer.contractors.models import Engagement
from outsourcer.hiring.models import (
    CompanyCheck,
    CompanyCheckItem,
    CompanyCheckStatus,
    Interview,
    InterviewStatus,
    ReferenceCheck,
    ReferenceStatus,
    Scorecard,
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


# The names of `vetting_counts`' annotations, in the order `vetting_judge` takes them.
VETTING_COUNTS = ("vetting_interviews", "vetting_references", "vetting_checks")


def _per_engagement(queryset):
    counted = queryset.order_by().values("engagement_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0)


def vetting_counts(*, organization) -> dict:
    """What the policy weighs, as annotations (VETTING_COUNTS) of an Engagement queryset, one
    subquery each: interviews not cancelled with a scorecard, references received, company checks
    verified."""
    engagement = OuterRef("pk")
    interviews = (
        Interview.objects.filter(organization=organization, engagement=engagement)
        .exclude(status=InterviewStatus.CANCELLED)
        .filter(Exists(Scorecard.objects.filter(interview=OuterRef("pk"))))
    )
    references = ReferenceCheck.objects.filter(
        organization=organization, engagement=engagement, status=ReferenceStatus.RECEIVED
    )
    checks = CompanyCheck.objects.filter(
        organization=organization, engagement=engagement, status=CompanyCheckStatus.VERIFIED
    )
    counts = (_per_engagement(interviews), _per_engagement(references), _per_engagement(checks))
    return dict(zip(VETTING_COUNTS, counts, strict=True))


def vetting_judge(policy: VettingPolicy, interviews: int, references: int, checks_verified: int) -> VettingResult:
    """One engagement's standing from its counts (`vetting_counts`) against `policy`: no query."""
    missing = []
    if interviews < policy.min_interviews:
        missing.append(f"{_plural(policy.min_interviews - interviews, 'interview')} with a scorecard")
    if references < policy.min_references:
        missing.append(f"{_plural(policy.min_references - references, 'reference')} received")
    all_items = len(CompanyCheckItem.values)
    if policy.require_company_checks and checks_verified < all_items:
        missing.append(f"{_plural(all_items - checks_verified, 'company check')} verified")
    return VettingResult(interviews, references, checks_verified, policy=policy, missing=missing)


def vetting_results(*, organization, engagement_ids) -> dict[int, VettingResult]:
    """Each engagement's standing against the policy, in two queries whatever their number (the
    policy, the counts); another organization's engagement has nothing done."""
    ids = list(engagement_ids)
    policy = vetting_policy_get(organization=organization)
    rows = (
        Engagement.objects.filter(organization=organization, pk__in=ids)
        .annotate(**vetting_counts(organization=organization))
        .values_list("pk", *VETTING_COUNTS)
    )
    counts = {pk: done for pk, *done in rows}
    return {engagement_id: vetting_judge(policy, *counts.get(engagement_id, (0, 0, 0))) for engagement_id in ids}


def vetting_result(*, organization, engagement_id: int) -> VettingResult:
    """One engagement's standing against the policy."""
    return vetting_results(organization=organization, engagement_ids=[engagement_id])[engagement_id]
