"""Interview pages: list (upcoming first, filters, empty state, constant queries), scheduling from a
bid or a contractor with the working-hours warning (across a clock change), the interview with its
scorecards, and the contractor's schedule that never shows scores."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outsourcer.hiring.models import Interview, InterviewStatus, Scorecard
from outsourcer.testing.factories import MembershipFactory
from outsourcer.testing.fixtures import text
from outsourcer.testing.hiring import insert_bid, insert_job, second_bidder

pytestmark = pytest.mark.django_db

TUESDAY_2PM = datetime(2025, 3, 18, 14, 0, tzinfo=UTC)  # 15:00 in Berlin, 14:00 in Lisbon


def insert_interview(p, *, engagement=None, starts_at=TUESDAY_2PM, interviewers=None, **fields) -> Interview:
    engagement = engagement or p.carol_engagement
    interview = Interview.objects.create(
        organization=engagement.organization,
        engagement=engagement,
        contractor=engagement.contractor,
        starts_at=starts_at,
        location="https://meet.example/crumb",
        created_by=p.alice,
        **fields,
    )
    interview.interviewers.set(interviewers if interviewers is not None else [p.alice, p.bob])
    return interview


def _form(**changes):
    data = {"day": "2025-03-18", "time": "15:00", "duration_minutes": "45", "location": "Bakery back office"}
    data.update(changes)
    return data


# --- list ----------------------------------------------------------------------------------------


def test_the_empty_list_says_how_to_start(login_as, personas, org_url):
    body = text(login_as(personas.alice).get(org_url("hiring:interviews")))
    assert "No interviews yet." in body and "Schedule an interview" in body

    body = text(login_as(personas.vera).get(org_url("hiring:interviews")))
    assert "No interviews yet." in body and org_url("hiring:interview-create") not in body


def test_the_list_shows_upcoming_first_with_both_times(login_as, personas, org_url, frozen):
    held = insert_interview(personas, starts_at=TUESDAY_2PM - timedelta(days=7), status=InterviewStatus.DONE)
    later = insert_interview(personas, starts_at=TUESDAY_2PM + timedelta(days=2))
    soon = insert_interview(personas)

    body = text(login_as(personas.alice).get(org_url("hiring:interviews")))

    positions = [body.index(org_url("hiring:interview-detail", interview_id=i.pk) + '"') for i in (soon, later, held)]
    assert positions == sorted(positions)
    assert "Tue 15:00 · 14:00 Tue for Carol Contractor" in body


def test_the_list_filters_by_contractor_and_job(login_as, personas, org_url, frozen):
    job = insert_job(personas)
    erin = second_bidder(personas)
    insert_interview(personas, job=job)
    insert_interview(personas, engagement=erin)
    client = login_as(personas.alice)

    body = text(client.get(org_url("hiring:interviews"), {"contractor": erin.contractor_id}))
    assert "Erin Bidder" in body and "Carol Contractor</td>" not in body
    body = text(client.get(org_url("hiring:interviews"), {"job": job.pk}))
    assert "Carol Contractor" in body and "Erin Bidder</td>" not in body
    body = text(client.get(org_url("hiring:interviews"), {"job": job.pk, "contractor": erin.contractor_id}))
    assert "No interviews match these filters." in body


def test_the_list_sends_as_many_queries_for_20_interviews_as_for_2(login_as, personas, org_url, frozen):
    client = login_as(personas.alice)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(org_url("hiring:interviews")).status_code == 200
        return len(captured)

    for _ in range(2):
        insert_interview(personas)
    few = queries()
    job = insert_job(personas)
    for _ in range(18):
        insert_interview(personas, job=job, engagement=second_bidder(personas, name=f"Bidder {_}"))
    assert queries() == few <= 12


# --- scheduling ----------------------------------------------------------------------------------


def test_scheduling_from_a_bid_names_the_contractor_and_the_job(login_as, personas, org_url, frozen):
    bid = insert_bid(insert_job(personas), personas.carol_engagement)

    body = text(login_as(personas.bob).get(org_url("hiring:interview-create"), {"bid": bid.pk}))

    assert f'<option value="{personas.carol_engagement.pk}" selected>' in body
    assert f'<option value="{bid.job_id}" selected>' in body
    # The one scheduling is an interviewer unless they say otherwise.
    assert f'value="{personas.bob.pk}" id="id_interviewers_' in body and "checked" in body
    assert "Your time (Europe/Berlin)." in body


def test_a_foreign_bid_or_contractor_in_the_link_is_a_404(login_as, personas, org_url, frozen):
    client = login_as(personas.alice)
    assert client.get(org_url("hiring:interview-create"), {"engagement": personas.dan_engagement.pk}).status_code == 404


def test_it_schedules_in_the_viewers_zone(login_as, personas, org_url, frozen):
    client = login_as(personas.alice)
    data = _form(engagement=personas.carol_engagement.pk, interviewers=[personas.alice.pk])

    response = client.post(org_url("hiring:interview-create"), data)

    interview = Interview.objects.get()
    assert response.status_code == 302
    assert response["Location"] == org_url("hiring:interview-detail", interview_id=interview.pk)
    assert interview.starts_at == TUESDAY_2PM  # 15:00 in Berlin
    assert interview.location == "Bakery back office"


def test_bad_input_keeps_what_was_typed(login_as, personas, org_url, frozen):
    client = login_as(personas.alice)
    data = _form(engagement=personas.carol_engagement.pk, day="2025-03-10", interviewers=[personas.alice.pk])

    response = client.post(org_url("hiring:interview-create"), data)

    assert response.status_code == 400
    assert "Choose a time that has not passed yet." in text(response)
    assert 'value="Bakery back office"' in text(response)
    assert not Interview.objects.exists()


def test_a_time_that_does_not_exist_is_refused(login_as, personas, org_url, frozen):
    # 30 March 2025, 02:30 does not exist in Berlin: the clocks jump from 02:00 to 03:00.
    data = _form(
        engagement=personas.carol_engagement.pk, day="2025-03-30", time="02:30", interviewers=[personas.alice.pk]
    )
    response = login_as(personas.alice).post(org_url("hiring:interview-create"), data)
    assert response.status_code == 400 and "the clocks change" in text(response)


def test_outside_working_hours_it_warns_before_saving_and_saves_with_a_reason(login_as, personas, org_url, frozen):
    client = login_as(personas.alice)
    data = _form(engagement=personas.carol_engagement.pk, time="19:00", interviewers=[personas.alice.pk])

    response = client.post(org_url("hiring:interview-create"), data)

    assert response.status_code == 409
    body = text(response)
    assert "Outside the contractor's working hours" in body
    assert "Tue 18 Mar 18:00 (Europe/Lisbon)" in body and "Tuesday 09:00–17:00" in body
    assert "Schedule it anyway" in body
    assert not Interview.objects.exists()

    response = client.post(
        org_url("hiring:interview-create"),
        {**data, "override_reason": "Carol prefers evenings", "confirm_override": "on"},
    )
    assert response.status_code == 302
    assert Interview.objects.get().starts_at == datetime(2025, 3, 18, 18, 0, tzinfo=UTC)


def test_the_working_hours_warning_follows_each_zones_clock_change(login_as, personas, org_url, frozen):
    # A contractor in New York, 09:00–17:00. Between the United States' change (9 March 2025) and
    # Europe's (30 March) New York is 5 hours behind Berlin, otherwise 6: the same 14:00 in Berlin
    # is 09:00 there on 25 March and 08:00 on 1 April.
    erin = second_bidder(personas)
    erin.contractor.time_zone = "America/New_York"
    erin.contractor.save()
    client = login_as(personas.alice)
    data = _form(engagement=erin.pk, time="14:00", interviewers=[personas.alice.pk])

    assert client.post(org_url("hiring:interview-create"), {**data, "day": "2025-03-25"}).status_code == 302
    response = client.post(org_url("hiring:interview-create"), {**data, "day": "2025-04-01"})
    assert response.status_code == 409
    assert "Tue 01 Apr 08:00 (America/New_York)" in text(response)
    assert Interview.objects.get().starts_at == datetime(2025, 3, 25, 13, 0, tzinfo=UTC)


# --- the interview and its scorecards ------------------------------------------------------------


def test_the_interview_shows_both_times_and_the_scorecards_with_their_average(login_as, personas, org_url, frozen):
    interview = insert_interview(personas, starts_at=NOW_MINUS_HOUR)
    for person, score in ((personas.alice, 4), (personas.bob, 2)):
        Scorecard.objects.create(
            organization=personas.org, interview=interview, interviewer=person, communication=score, skill=score,
            reliability=score, understanding=score, notes=f"Notes of {person.name}",
        )  # fmt: skip

    body = text(login_as(personas.vera).get(org_url("hiring:interview-detail", interview_id=interview.pk)))

    assert "Mon 10:00 · 09:00 Mon for Carol Contractor" in body
    assert "Notes of Bob Manager" in body
    assert "<strong>3.0</strong>" in body
    # Vera reads; she neither scores nor manages.
    assert "Save my scorecard" not in body and "Update my scorecard" not in body and "Cancel interview" not in body


NOW_MINUS_HOUR = datetime(2025, 3, 17, 9, 0, tzinfo=UTC)  # the builders' Monday, 10:00 in Berlin


def test_the_interview_leads_to_its_job_and_the_contractors_vetting(login_as, personas, org_url, frozen):
    job = insert_job(personas)
    interview = insert_interview(personas, job=job)
    body = text(login_as(personas.vera).get(org_url("hiring:interview-detail", interview_id=interview.pk)))
    assert org_url("hiring:job-detail", job_id=job.pk) in body
    assert org_url("hiring:vetting", engagement_id=personas.carol_engagement.pk) in body


def test_an_interviewer_scores_and_updates_their_own_scorecard(login_as, personas, org_url, frozen):
    interview = insert_interview(personas, starts_at=NOW_MINUS_HOUR)
    client = login_as(personas.bob)
    url = org_url("hiring:interview-scorecard", interview_id=interview.pk)
    scores = {"communication": 4, "skill": 5, "reliability": 3, "understanding": 4, "notes": "Strong portfolio"}

    assert client.post(url, scores).status_code == 302
    assert client.post(url, {**scores, "skill": 2}).status_code == 302

    card = Scorecard.objects.get()
    assert (card.interviewer, card.skill) == (personas.bob, 2)
    body = text(client.get(org_url("hiring:interview-detail", interview_id=interview.pk)))
    assert "Update my scorecard" in body


def test_a_score_outside_1_to_5_is_shown_next_to_it(login_as, personas, org_url, frozen):
    interview = insert_interview(personas, starts_at=NOW_MINUS_HOUR)
    url = org_url("hiring:interview-scorecard", interview_id=interview.pk)
    response = login_as(personas.bob).post(url, {"communication": 7, "skill": 5, "reliability": 3, "understanding": 4})
    assert response.status_code == 400 and "Select a valid choice" in text(response)
    assert not Scorecard.objects.exists()


def test_nobody_scores_an_interview_about_themselves(login_as, personas, org_url, frozen):
    MembershipFactory(organization=personas.org, user=personas.carol, role="manager")
    interview = insert_interview(personas, starts_at=NOW_MINUS_HOUR)
    url = org_url("hiring:interview-scorecard", interview_id=interview.pk)
    response = login_as(personas.carol).post(
        url, {"communication": 5, "skill": 5, "reliability": 5, "understanding": 5}
    )
    assert response.status_code == 403
    assert not Scorecard.objects.exists()


def test_cancel_and_done_ask_in_the_page_first(login_as, personas, org_url, frozen):
    interview = insert_interview(personas, starts_at=NOW_MINUS_HOUR)
    body = text(login_as(personas.alice).get(org_url("hiring:interview-detail", interview_id=interview.pk)))
    assert body.count('<details class="confirm">') == 2
    assert "Everyone invited gets a cancellation" in body


def test_moving_shows_the_current_time_and_moves_it(login_as, personas, org_url, frozen):
    interview = insert_interview(personas)
    client = login_as(personas.alice)
    url = org_url("hiring:interview-reschedule", interview_id=interview.pk)

    body = text(client.get(url))
    assert 'value="2025-03-18"' in body and 'value="15:00"' in body

    response = client.post(url, _form(time="16:00", interviewers=[personas.alice.pk]))
    assert response.status_code == 302
    interview.refresh_from_db()
    assert (interview.starts_at, interview.sequence) == (TUESDAY_2PM + timedelta(hours=1), 1)


def test_done_before_it_started_is_refused_with_a_message(login_as, personas, org_url, frozen):
    interview = insert_interview(personas)
    client = login_as(personas.alice)
    client.post(org_url("hiring:interview-complete", interview_id=interview.pk))
    assert Interview.objects.get(pk=interview.pk).status == InterviewStatus.SCHEDULED
    with time_machine.travel(TUESDAY_2PM + timedelta(hours=1), tick=False):
        client.post(org_url("hiring:interview-complete", interview_id=interview.pk))
    assert Interview.objects.get(pk=interview.pk).status == InterviewStatus.DONE


def test_post_only_urls_refuse_get(login_as, personas, org_url, frozen):
    interview = insert_interview(personas)
    client = login_as(personas.alice)
    for name in ("hiring:interview-cancel", "hiring:interview-complete", "hiring:interview-scorecard"):
        assert client.get(org_url(name, interview_id=interview.pk)).status_code == 405


def test_another_organizations_interview_is_a_404(login_as, personas, org_url, frozen):
    interview = insert_interview(personas, engagement=personas.dan_engagement, interviewers=[])
    client = login_as(personas.alice)
    assert client.get(org_url("hiring:interview-detail", interview_id=interview.pk)).status_code == 404
    assert client.post(org_url("hiring:interview-cancel", interview_id=interview.pk)).status_code == 404


# --- the contractor's schedule -------------------------------------------------------------------


def test_the_contractor_sees_the_schedule_in_their_zone_and_never_the_scores(login_as, personas, frozen):
    interview = insert_interview(personas, starts_at=NOW_MINUS_HOUR)
    Scorecard.objects.create(
        organization=personas.org, interview=interview, interviewer=personas.alice, communication=1, skill=1,
        reliability=1, understanding=1, notes="SECRET: too slow",
    )  # fmt: skip

    body = text(login_as(personas.carol).get("/portal/hiring/interviews/"))

    assert "Crumb &amp; Co." in body
    assert "Mon 09:00 · 10:00 Mon for Crumb &amp; Co." in body
    assert "SECRET" not in body and "Alice Owner" not in body and "Scorecard" not in body

    body = text(login_as(personas.dan).get("/portal/hiring/interviews/"))
    assert "No interviews." in body and "Crumb" not in body


def test_the_portal_and_api_lists_send_as_many_queries_for_20_interviews_as_for_2(login_as, personas, api_as, frozen):
    portal = login_as(personas.carol)
    api = api_as(personas.alice)

    def queries() -> list[int]:
        counts = []
        for call in (lambda: portal.get("/portal/hiring/interviews/"), lambda: api.get("/interviews")):
            with CaptureQueriesContext(connection) as captured:
                assert call().status_code == 200
            counts.append(len(captured))
        return counts

    for _ in range(2):
        insert_interview(personas)
    queries()  # the token's first use is recorded once
    few = queries()
    for n in range(18):
        insert_interview(personas, engagement=second_bidder(personas, name=f"Bidder {n}") if n % 2 else None)
    assert queries() == few
    assert max(few) <= 12


def test_the_contractor_page_leads_to_scheduling_with_them(login_as, personas, org_url, frozen):
    page = org_url("contractors:detail", engagement_id=personas.carol_engagement.pk)
    link = f"{org_url('hiring:interview-create')}?engagement={personas.carol_engagement.pk}"
    assert link in text(login_as(personas.bob).get(page))
    body = text(login_as(personas.alice).get(link))
    assert f'<option value="{personas.carol_engagement.pk}" selected>' in body
    assert link not in text(login_as(personas.vera).get(page))


def test_the_form_previews_their_time_and_warns_before_saving(login_as, personas, org_url, frozen):
    client = login_as(personas.alice)
    preview = org_url("hiring:interview-time-preview")
    base = {"engagement": personas.carol_engagement.pk, "day": "2025-03-18", "duration_minutes": "45"}

    body = text(client.get(preview, {**base, "time": "15:00"}))
    assert "Tue 15:00 · 14:00 Tue for Carol Contractor" in body and "hours-warning" not in body

    body = text(client.get(preview, {**base, "time": "19:00"}))
    assert "Tue 19:00 · 18:00 Tue for Carol Contractor" in body
    assert "hours-warning" in body and "outside their working hours (Tuesday 09:00–17:00)" in body

    # A moved interview is previewed for its own contractor; broken or foreign input gives nothing.
    interview = insert_interview(personas)
    body = text(client.get(preview, {"interview": interview.pk, "day": "2025-03-18", "time": "19:00"}))
    assert "18:00 Tue for Carol Contractor" in body
    for params in ({**base, "time": "25:00"}, {**base, "engagement": personas.dan_engagement.pk, "time": "15:00"}, {}):
        assert text(client.get(preview, params)) == ""
    assert "time-preview" in text(client.get(org_url("hiring:interview-create")))
    assert not Interview.objects.exclude(pk=interview.pk).exists()
