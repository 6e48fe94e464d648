from datetime import timedelta

import pytest
from django.db.models import Count, F

from outsourcer.contracts.models import TimeEntry
from outsourcer.hiring import track_record
from outsourcer.hiring.tests.evidence import accept_milestones, budget_of, message, reviewed_time
from outsourcer.hiring.track_record import (
    RATING,
    TrackInput,
    quarter_of,
    tally_query,
    track_record_input_register,
    track_records,
)
from outsourcer.hiring.trust import trust_score
from outsourcer.testing.builders import NOW, TODAY
from outsourcer.testing.factories import EngagementFactory
from outsourcer.testing.hiring import insert_job, second_bidder
from outsourcer.testing.rows import insert_hourly_contract, insert_time_entry

pytestmark = pytest.mark.django_db


def _record(p, engagement=None):
    engagement = engagement or p.carol_engagement
    return track_records(organization=p.org, contractor_ids=[engagement.contractor_id])[engagement.contractor_id]


def test_it_says_there_is_no_history_yet(personas):
    record = _record(personas)
    assert not record.has_history
    assert (record.on_time_percent, record.first_time_percent, record.average_rating, record.response_hours) == (
        None,
        None,
        None,
        None,
    )
    assert record.score is None


def test_it_counts_milestones_accepted_by_their_due_date(personas):
    accept_milestones(personas, personas.carol_engagement, days_late=(0, -2, 3, 1))
    record = _record(personas)
    assert (record.on_time_percent, record.milestones) == (50, 4)
    assert record.has_history


def test_it_counts_time_approved_without_ever_being_rejected(personas):
    reviewed_time(personas, personas.carol_engagement, approved=2, rejected_then_approved=1, rejected=1)
    record = _record(personas)
    assert (record.first_time_percent, record.time_entries) == (50, 4)


def test_it_ignores_time_not_reviewed_yet(personas):
    insert_time_entry(insert_hourly_contract(budget_of(personas), personas.carol_engagement))
    assert not _record(personas).has_history


def test_it_measures_the_median_reply_to_the_organizations_questions(personas):
    job = insert_job(personas)
    carol = personas.carol_contractor
    # Two questions in a row answered after 4 h (from the first), one answered after 10 h, one
    # after 30 h: the median of 4, 10 and 30.
    message(job, carol, at=NOW, from_contractor=False)
    message(job, carol, at=NOW + timedelta(hours=1), from_contractor=False)
    message(job, carol, at=NOW + timedelta(hours=4), from_contractor=True)
    message(job, carol, at=NOW + timedelta(days=1), from_contractor=False)
    message(job, carol, at=NOW + timedelta(days=1, hours=10), from_contractor=True)
    message(job, carol, at=NOW + timedelta(days=2), from_contractor=False)
    message(job, carol, at=NOW + timedelta(days=2, hours=30), from_contractor=True)
    # The contractor writing first is not a reply to anything.
    message(insert_job(personas, budget=job.budget, title="Another"), carol, at=NOW, from_contractor=True)
    record = _record(personas)
    assert (record.response_hours, record.replies) == (10.0, 3)


def test_a_question_left_unanswered_for_days_counts_and_a_fresh_one_does_not(personas, time_machine):
    time_machine.move_to(NOW + timedelta(days=5))
    job = insert_job(personas)
    message(job, personas.carol_contractor, at=NOW, from_contractor=False)
    fresh = insert_job(personas, budget=job.budget, title="Fresh")
    message(fresh, personas.carol_contractor, at=NOW + timedelta(days=5), from_contractor=False)
    record = _record(personas)
    assert record.replies == 1 and record.response_hours >= 120


def test_another_organizations_work_does_not_count(personas):
    # Dan works for Oscar; Carol's work for Oscar's organization is not Crumb's business either.
    carol_at_oscars = EngagementFactory(organization=personas.other_org, contractor=personas.carol_contractor)
    accept_milestones(personas, carol_at_oscars, days_late=(5,), organization=personas.other_org)
    reviewed_time(personas, carol_at_oscars, rejected=2, organization=personas.other_org)
    assert not _record(personas).has_history
    oscars = track_records(organization=personas.other_org, contractor_ids=[personas.carol_contractor.pk])
    assert oscars[personas.carol_contractor.pk].on_time_percent == 0


def test_it_keeps_the_evidence_by_quarter(personas):
    reviewed_time(personas, personas.carol_engagement, approved=1, worked_on=TODAY)
    reviewed_time(personas, personas.carol_engagement, rejected=1, worked_on=TODAY - timedelta(days=120))
    quarters = _record(personas).metrics["first_time"].quarters
    assert sorted(quarters) == [quarter_of(TODAY - timedelta(days=120)), quarter_of(TODAY)]


def test_it_reads_many_contractors_and_every_input_in_one_query(personas, django_assert_num_queries):
    engagements = [personas.carol_engagement, *(second_bidder(personas, name=f"Bidder {n}") for n in range(4))]
    for engagement in engagements[:3]:
        accept_milestones(personas, engagement, days_late=(0,))
        reviewed_time(personas, engagement, approved=1)
    with django_assert_num_queries(1):
        records = track_records(organization=personas.org, contractor_ids=[e.contractor_id for e in engagements])
    assert [r.has_history for r in records.values()] == [True, True, True, False, False]


def test_a_later_domain_plugs_in_its_own_input(personas, monkeypatch):
    monkeypatch.setattr(track_record, "_INPUTS", list(track_record._INPUTS))

    def ratings(*, organization, contractor_ids):
        # Two ratings, 4 and 5 stars, on each of the contractor's time entries (a stand-in table).
        rows = TimeEntry.objects.filter(organization=organization, contractor_id__in=contractor_ids)
        return tally_query(
            rows, contractor=F("contractor_id"), quarter=F("worked_on"), count=Count("id") * 2, total=Count("id") * 9
        )

    track_record_input_register(TrackInput(metric=RATING, source=ratings))
    reviewed_time(personas, personas.carol_engagement, approved=1)
    record = _record(personas)
    assert (record.average_rating, record.ratings) == (4.5, 2)
    trust = trust_score(organization=personas.org, engagement_id=personas.carol_engagement.pk)
    assert next(p for p in trust.parts if p.key == "rating").why == "4.5 of 5 on average from 2 ratings."
    assert record.has_history


def test_it_sums_up_how_much_work_there_is(personas):
    assert _record(personas).summary == "No history yet"
    accept_milestones(personas, personas.carol_engagement, days_late=(0,))
    reviewed_time(personas, personas.carol_engagement, approved=2)
    assert _record(personas).summary == "1 milestone, 2 time entries"
