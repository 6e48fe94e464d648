from datetime import timedelta

import pytest

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
from outsourcer.hiring.vetting import vetting_result, vetting_results
from outsourcer.testing.builders import NOW
from outsourcer.testing.hiring import second_bidder

pytestmark = pytest.mark.django_db


def _interview(p, engagement, *, scored=True, status=InterviewStatus.DONE):
    interview = Interview.objects.create(
        organization=p.org,
        engagement=engagement,
        contractor=engagement.contractor,
        starts_at=NOW,
        status=status,
    )
    if scored:
        Scorecard.objects.create(
            organization=p.org,
            interview=interview,
            interviewer=p.alice,
            communication=4,
            skill=4,
            reliability=4,
            understanding=4,
        )
    return interview


def _reference(p, engagement, *, status=ReferenceStatus.RECEIVED):
    return ReferenceCheck.objects.create(
        organization=p.org,
        engagement=engagement,
        contractor=engagement.contractor,
        referee_name="Rita Referee",
        referee_email="rita@ref.example",
        relationship="Former client",
        status=status,
        expires_at=NOW + timedelta(days=14),
    )


def test_it_asks_the_default_policy_of_an_unvetted_contractor(personas):
    result = vetting_result(organization=personas.org, engagement_id=personas.carol_engagement.pk)
    assert not result.passed
    assert result.missing == ["1 interview with a scorecard", "2 references received"]


def test_it_passes_with_a_scored_interview_and_two_references(personas):
    engagement = personas.carol_engagement
    _interview(personas, engagement)
    _reference(personas, engagement)
    _reference(personas, engagement)
    assert vetting_result(organization=personas.org, engagement_id=engagement.pk).passed


def test_it_ignores_unscored_and_cancelled_interviews_and_unanswered_references(personas):
    engagement = personas.carol_engagement
    _interview(personas, engagement, scored=False)
    _interview(personas, engagement, status=InterviewStatus.CANCELLED)
    _reference(personas, engagement)
    _reference(personas, engagement, status=ReferenceStatus.REQUESTED)
    _reference(personas, engagement, status=ReferenceStatus.EXPIRED)
    result = vetting_result(organization=personas.org, engagement_id=engagement.pk)
    assert result.missing == ["1 interview with a scorecard", "1 reference received"]


def test_it_follows_the_organizations_policy(personas):
    VettingPolicy.objects.create(
        organization=personas.org, min_interviews=0, min_references=1, require_company_checks=True
    )
    engagement = personas.carol_engagement
    _reference(personas, engagement)
    for item in CompanyCheckItem.values[:-1]:
        CompanyCheck.objects.create(
            organization=personas.org, engagement=engagement, item=item, status=CompanyCheckStatus.VERIFIED
        )
    assert vetting_result(organization=personas.org, engagement_id=engagement.pk).missing == [
        "1 company check verified"
    ]


def test_it_judges_many_engagements_in_one_query_and_one_for_the_policy(personas, django_assert_num_queries):
    engagements = [second_bidder(personas, name=f"Bidder {n}") for n in range(5)]
    for engagement in engagements[:2]:
        _interview(personas, engagement)
    with django_assert_num_queries(2):
        results = vetting_results(organization=personas.org, engagement_ids=[e.pk for e in engagements])
    assert [r.interviews for r in results.values()] == [1, 1, 0, 0, 0]
