"""trust_scores against the database: the evidence it reads, what it ignores, its queries, and the
"why this score" page."""

from datetime import timedelta

import pytest
from django.urls import reverse

from outsourcer.hiring.models import CompanyCheckItem, CompanyCheckStatus, InterviewStatus, ReferenceStatus
from outsourcer.hiring.tests.evidence import (
    accept_milestones,
    company_check,
    interview,
    reference,
    reviewed_time,
)
from outsourcer.hiring.trust import trust_score, trust_scores
from outsourcer.testing.builders import NOW
from outsourcer.testing.factories import EngagementFactory
from outsourcer.testing.hiring import second_bidder

pytestmark = pytest.mark.django_db


def _vetted(p, engagement=None, *, scores=(4, 4, 4, 4)):
    engagement = engagement or p.carol_engagement
    interview(p, engagement, scores=scores)
    reference(engagement)
    reference(engagement, answers=(4, 4, 5, True))
    return engagement


def _score(p, engagement=None):
    engagement = engagement or p.carol_engagement
    return trust_score(organization=p.org, engagement_id=engagement.pk)


def test_it_says_not_enough_data_for_a_newcomer(personas):
    result = _score(personas)
    assert result.score is None
    assert [part.has_evidence for part in result.parts] == [False] * len(result.parts)


def test_it_scores_vetting_and_track_record(personas):
    _vetted(personas)
    accept_milestones(personas, personas.carol_engagement, days_late=(0, 0))
    reviewed_time(personas, personas.carol_engagement, approved=3)
    result = _score(personas)
    assert 80 <= result.score <= 100
    assert {p.key for p in result.parts if p.has_evidence} == {"interviews", "references", "on_time", "first_time"}


def test_it_rises_with_good_evidence_and_falls_with_bad(personas):
    _vetted(personas, scores=(3, 3, 3, 3))
    start = _score(personas).score
    interview(personas, personas.carol_engagement, scores=(5, 5, 5, 5), interviewer=personas.bob)
    better = _score(personas).score
    reference(personas.carol_engagement, answers=(1, 1, 1, False))
    accept_milestones(personas, personas.carol_engagement, days_late=(9, 9))
    worse = _score(personas).score
    assert better > start > worse


def test_it_does_not_move_on_data_that_should_not_matter(personas):
    engagement = _vetted(personas)
    reviewed_time(personas, engagement, approved=2)
    before = _score(personas)
    # Another organization's interviews, references, checks and work with the same contractor.
    at_oscars = EngagementFactory(organization=personas.other_org, contractor=personas.carol_contractor)
    interview(personas, at_oscars, scores=(1, 1, 1, 1), interviewer=personas.oscar)
    reference(at_oscars, answers=(1, 1, 1, False))
    company_check(at_oscars, CompanyCheckItem.REGISTRATION, CompanyCheckStatus.FAILED)
    accept_milestones(personas, at_oscars, days_late=(30,), organization=personas.other_org)
    # A cancelled interview's scorecard, an unanswered and an expired reference, a pending check,
    # an interview without a scorecard.
    interview(personas, engagement, scores=(1, 1, 1, 1), status=InterviewStatus.CANCELLED, interviewer=personas.bob)
    reference(engagement, status=ReferenceStatus.REQUESTED)
    reference(engagement, status=ReferenceStatus.EXPIRED)
    company_check(engagement, CompanyCheckItem.WEBSITE, CompanyCheckStatus.PENDING)
    interview(personas, engagement, scores=None)
    # Another bidder's evidence.
    interview(personas, second_bidder(personas), scores=(1, 1, 1, 1))
    assert _score(personas) == before


def test_older_evidence_counts_less(personas):
    engagement = _vetted(personas)
    old = NOW - timedelta(days=400)
    interview(personas, engagement, scores=(1, 1, 1, 1), starts_at=old, interviewer=personas.bob)
    old_bad = _score(personas).score
    other = _vetted(personas, second_bidder(personas))
    interview(personas, other, scores=(1, 1, 1, 1), interviewer=personas.bob)
    assert _score(personas, other).score < old_bad


def test_company_checks_count_once_decided(personas):
    engagement = _vetted(personas)
    company_check(engagement, CompanyCheckItem.REGISTRATION)
    company_check(engagement, CompanyCheckItem.INSURANCE, CompanyCheckStatus.FAILED)
    part = next(p for p in _score(personas).parts if p.key == "company_checks")
    assert part.score == 0.5 and part.why == "1 of 2 company checks verified (50 %)."


def test_it_scores_many_engagements_in_a_fixed_number_of_queries(personas, django_assert_num_queries):
    few = [_vetted(personas, second_bidder(personas, name=f"Few {n}")) for n in range(2)]
    many = [_vetted(personas, second_bidder(personas, name=f"Many {n}")) for n in range(8)]
    for engagements in (few, many):
        # engagements → contractors, then every piece of evidence at once
        with django_assert_num_queries(2):
            scores = trust_scores(organization=personas.org, engagement_ids=[e.pk for e in engagements])
        assert all(s.score is not None for s in scores.values())


def test_a_foreign_engagement_gets_no_score(personas):
    assert trust_scores(organization=personas.org, engagement_ids=[personas.dan_engagement.pk]) == {}


def _page(client, p, engagement):
    return client.get(reverse("hiring:trust", kwargs={"org_slug": p.org.slug, "engagement_id": engagement.pk}))


def test_the_page_shows_why_this_score(personas, login_as):
    _vetted(personas)
    response = _page(login_as(personas.vera), personas, personas.carol_engagement)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Why this score" in html and "/ 100" in html
    assert "4.0 of 5 on average from 1 scorecard." in html
    assert "No evidence yet: left out of the score." in html


def test_the_page_says_not_enough_data(personas, login_as):
    response = _page(login_as(personas.alice), personas, personas.carol_engagement)
    assert "Not enough data" in response.content.decode()


def test_the_page_of_another_organizations_engagement_is_not_found(personas, login_as):
    assert _page(login_as(personas.alice), personas, personas.dan_engagement).status_code == 404


def test_the_contractor_page_links_to_it(personas, login_as):
    url = reverse("contractors:detail", args=[personas.org.slug, personas.carol_engagement.pk])
    html = login_as(personas.alice).get(url).content.decode()
    assert reverse("hiring:trust", args=[personas.org.slug, personas.carol_engagement.pk]) in html
