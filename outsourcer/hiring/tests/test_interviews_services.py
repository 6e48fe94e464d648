"""Interview services: schedule (the prospect moves to vetting, the invitation carries an .ics),
move (same UID, SEQUENCE + 1), cancel (METHOD:CANCEL), mark done, and scorecards."""

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
import time_machine
from django.core import mail

from outsourcer.audit.models import Event
from outsourcer.contractors.models import EngagementStatus
from outsourcer.hiring.models import Interview, InterviewStatus, Scorecard
from outsourcer.hiring.services import (
    interview_cancel,
    interview_complete,
    interview_reschedule,
    interview_schedule,
    scorecard_submit,
)
from outsourcer.hiring.services.interview_notices import interview_uid
from outsourcer.lib.errors import DomainError, FieldErrors, OverrideRequired
from outsourcer.lib.transitions import IllegalTransition
from outsourcer.testing.hiring import insert_job, second_bidder

pytestmark = pytest.mark.django_db

# Tuesday 18 March 2025, 14:00 UTC: 15:00 in Berlin (Alice), 14:00 in Lisbon (Carol, 09:00–17:00).
TUESDAY_2PM = datetime(2025, 3, 18, 14, 0, tzinfo=UTC)


def _schedule(p, *, engagement=None, starts_at=TUESDAY_2PM, interviewers=None, **kwargs):
    return interview_schedule(
        organization=p.org,
        actor=p.alice,
        engagement=engagement or p.carol_engagement,
        starts_at=starts_at,
        interviewers=[p.alice, p.bob] if interviewers is None else interviewers,
        location=kwargs.pop("location", "https://meet.example/crumb"),
        **kwargs,
    )


def _calendar(message) -> icalendar.Calendar:
    [(filename, content, mimetype)] = message.attachments
    assert (filename, mimetype) == ("invite.ics", "text/calendar")
    return icalendar.Calendar.from_ical(content)


def _event(calendar: icalendar.Calendar) -> icalendar.Event:
    [event] = calendar.walk("VEVENT")
    return event


def test_it_schedules_and_invites_the_contractor_and_the_other_interviewers_with_an_ics(
    personas, frozen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        interview = _schedule(personas, duration_minutes=45)

    assert interview.status == InterviewStatus.SCHEDULED
    assert set(interview.interviewers.all()) == {personas.alice, personas.bob}
    # Carol and Bob; Alice scheduled it herself.
    assert sorted(m.to[0] for m in mail.outbox) == [personas.bob.email, personas.carol.email]
    to_carol = next(m for m in mail.outbox if m.to == [personas.carol.email])
    assert "Tuesday 18 March 2025, 14:00–14:45 (Europe/Lisbon)" in to_carol.body
    assert "Crumb & Co. invites you to an interview" in to_carol.body
    to_bob = next(m for m in mail.outbox if m.to == [personas.bob.email])
    assert "Tuesday 18 March 2025, 15:00–15:45 (Europe/Berlin)" in to_bob.body

    calendar = _calendar(to_carol)
    assert calendar["METHOD"] == "REQUEST"
    event = _event(calendar)
    assert event.decoded("DTSTART") == TUESDAY_2PM
    assert event.decoded("DTEND") == TUESDAY_2PM + timedelta(minutes=45)
    assert str(event["UID"]).startswith(f"interview-{interview.pk}@")
    assert event["SEQUENCE"] == 0
    assert str(event["LOCATION"]) == "https://meet.example/crumb"
    assert str(event["ORGANIZER"]) == f"mailto:{personas.alice.email}"
    attendees = {str(a) for a in event.get("ATTENDEE")}
    assert attendees == {
        f"mailto:{personas.carol.email}",
        f"mailto:{personas.alice.email}",
        f"mailto:{personas.bob.email}",
    }
    assert _event(_calendar(to_bob))["UID"] == event["UID"]

    recorded = Event.objects.get(action="interview_scheduled")
    assert recorded.after["outside_working_hours"] is False and recorded.after["moved_to_vetting"] is False


def test_scheduling_with_a_prospect_moves_the_engagement_to_vetting(personas, frozen):
    prospect = second_bidder(personas)

    _schedule(personas, engagement=prospect, interviewers=[personas.alice])

    prospect.refresh_from_db()
    assert prospect.status == EngagementStatus.VETTING
    assert Event.objects.filter(action="engagement_status_changed", object_id=str(prospect.pk)).exists()
    assert Event.objects.get(action="interview_scheduled").after["moved_to_vetting"] is True


def test_an_active_engagement_stays_active(personas, frozen):
    _schedule(personas)
    personas.carol_engagement.refresh_from_db()
    assert personas.carol_engagement.status == EngagementStatus.ACTIVE


def test_it_can_be_about_a_job_of_the_organization_only(personas, frozen):
    job = insert_job(personas)
    assert _schedule(personas, job=job).job == job

    foreign = insert_job(personas, organization=personas.other_org)
    with pytest.raises(DomainError) as error:
        _schedule(personas, job=foreign)
    assert error.value.field == "job"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"starts_at": datetime(2025, 3, 17, 9, 0, tzinfo=UTC)}, "starts_at"),  # an hour ago
        ({"starts_at": datetime(2025, 3, 18, 14, 0)}, "starts_at"),  # naive
        ({"duration_minutes": 0}, "duration_minutes"),
        ({"duration_minutes": 10_000}, "duration_minutes"),
        ({"interviewers": []}, "interviewers"),
        ({"location": "x" * 301}, "location"),
        ({"location": "Room\x00 1"}, "location"),
    ],
)
def test_bad_input_is_refused_with_the_field_and_nothing_is_saved(personas, frozen, changes, field):
    with pytest.raises(FieldErrors) as error:
        _schedule(personas, **changes)
    assert field in error.value.errors
    assert not Interview.objects.exists() and not Event.objects.filter(action="interview_scheduled").exists()


def test_interviewers_are_owners_and_managers_and_never_the_contractor(personas, frozen):
    with pytest.raises(FieldErrors) as error:
        _schedule(personas, interviewers=[personas.vera])
    assert "owners and managers" in error.value.errors["interviewers"]
    with pytest.raises(FieldErrors):
        _schedule(personas, interviewers=[personas.oscar])


def test_a_foreign_or_ended_engagement_is_refused(personas, frozen):
    with pytest.raises(DomainError):
        _schedule(personas, engagement=personas.dan_engagement)
    ended = second_bidder(personas, status=EngagementStatus.ENDED)
    with pytest.raises(DomainError) as error:
        _schedule(personas, engagement=ended)
    assert error.value.code == "engagement_ended"


def test_a_time_outside_the_contractors_working_hours_needs_a_reason(personas, frozen):
    evening = datetime(2025, 3, 18, 18, 0, tzinfo=UTC)  # 18:00 in Lisbon, after Carol's 17:00

    with pytest.raises(OverrideRequired) as warning:
        _schedule(personas, starts_at=evening)
    assert warning.value.code == "outside_working_hours"
    assert "Tue 18 Mar 18:00 (Europe/Lisbon)" in warning.value.message
    assert "Tuesday 09:00–17:00" in warning.value.message
    assert not Interview.objects.exists()

    interview = _schedule(personas, starts_at=evening, override_reason="Carol asked for the evening.")
    recorded = Event.objects.get(action="interview_scheduled")
    assert recorded.reason == "Carol asked for the evening." and recorded.after["outside_working_hours"] is True
    assert interview.pk


def test_an_interview_that_runs_past_the_end_of_the_day_warns_too(personas, frozen):
    with pytest.raises(OverrideRequired):
        _schedule(personas, starts_at=datetime(2025, 3, 18, 16, 30, tzinfo=UTC), duration_minutes=45)


def test_moving_sends_an_update_with_the_same_uid_and_the_next_sequence(
    personas, frozen, django_capture_on_commit_callbacks
):
    interview = _schedule(personas)
    first_uid = interview_uid(interview)
    later = TUESDAY_2PM + timedelta(days=1)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        interview_reschedule(interview=interview, actor=personas.alice, starts_at=later, interviewers=[personas.alice])

    interview.refresh_from_db()
    assert (interview.starts_at, interview.sequence) == (later, 1)
    to_carol = next(m for m in mail.outbox if m.to == [personas.carol.email])
    calendar = _calendar(to_carol)
    assert calendar["METHOD"] == "REQUEST"
    event = _event(calendar)
    assert (str(event["UID"]), event["SEQUENCE"], event.decoded("DTSTART")) == (first_uid, 1, later)
    # Bob was taken off the interview: his calendar drops it.
    to_bob = next(m for m in mail.outbox if m.to == [personas.bob.email])
    assert _calendar(to_bob)["METHOD"] == "CANCEL"
    recorded = Event.objects.get(action="interview_rescheduled")
    assert recorded.before["starts_at"] == TUESDAY_2PM.isoformat() and recorded.after["starts_at"] == later.isoformat()


def test_moving_to_the_same_time_changes_nothing(personas, frozen):
    interview = _schedule(personas)
    with pytest.raises(DomainError) as error:
        interview_reschedule(interview=interview, actor=personas.alice, starts_at=TUESDAY_2PM)
    assert error.value.code == "unchanged"


def test_cancelling_sends_a_cancel_and_cannot_be_repeated(personas, frozen, django_capture_on_commit_callbacks):
    interview = _schedule(personas)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        interview_cancel(interview=interview, actor=personas.bob)

    assert interview.status == InterviewStatus.CANCELLED
    # Bob cancelled: Carol and Alice are told.
    assert sorted(m.to[0] for m in mail.outbox) == [personas.alice.email, personas.carol.email]
    calendar = _calendar(mail.outbox[0])
    assert calendar["METHOD"] == "CANCEL"
    event = _event(calendar)
    assert (event["SEQUENCE"], str(event["STATUS"])) == (1, "CANCELLED")
    with pytest.raises(IllegalTransition):
        interview_cancel(interview=interview, actor=personas.bob)
    with pytest.raises(IllegalTransition):
        interview_reschedule(interview=interview, actor=personas.bob, starts_at=TUESDAY_2PM + timedelta(days=2))


def test_an_interview_is_marked_done_once_it_has_started(personas, frozen):
    interview = _schedule(personas)
    with pytest.raises(DomainError) as error:
        interview_complete(interview=interview, actor=personas.alice)
    assert error.value.code == "not_started"

    with time_machine.travel(TUESDAY_2PM + timedelta(minutes=50), tick=False):
        interview_complete(interview=interview, actor=personas.alice)
    assert Interview.objects.get(pk=interview.pk).status == InterviewStatus.DONE


def _score(p, interview, actor=None, **scores):
    values = {"communication": 4, "skill": 5, "reliability": 3, "understanding": 4, "notes": "Clear portfolio."}
    values.update(scores)
    return scorecard_submit(interview=interview, actor=actor or p.alice, **values)


def test_each_interviewer_scores_once_and_may_update_their_own(personas, frozen):
    interview = _schedule(personas)
    with pytest.raises(DomainError) as error:
        _score(personas, interview)
    assert error.value.code == "not_started"

    with time_machine.travel(TUESDAY_2PM + timedelta(minutes=50), tick=False):
        card = _score(personas, interview)
        again = _score(personas, interview, skill=2, notes="On reflection, thin on food work.")
        _score(personas, interview, actor=personas.bob)

    assert again.pk == card.pk and again.skill == 2
    assert Scorecard.objects.filter(interview=interview).count() == 2
    actions = list(Event.objects.filter(action__startswith="scorecard_").values_list("action", flat=True))
    assert sorted(actions) == ["scorecard_submitted", "scorecard_submitted", "scorecard_updated"]
    assert card.average == (4 + 5 + 3 + 4) / 4


def test_scores_are_1_to_5_and_only_interviewers_score(personas, frozen):
    interview = _schedule(personas, interviewers=[personas.alice])
    with time_machine.travel(TUESDAY_2PM + timedelta(minutes=50), tick=False):
        with pytest.raises(FieldErrors) as error:
            _score(personas, interview, communication=6, skill=0, reliability="3")
        assert set(error.value.errors) == {"communication", "skill", "reliability"}
        with pytest.raises(DomainError) as error:
            _score(personas, interview, actor=personas.bob)
        assert error.value.code == "not_interviewer"
    assert not Scorecard.objects.exists()


def test_a_cancelled_interview_is_not_scored(personas, frozen):
    interview = _schedule(personas)
    interview_cancel(interview=interview, actor=personas.alice)
    with time_machine.travel(TUESDAY_2PM + timedelta(minutes=50), tick=False), pytest.raises(DomainError):
        _score(personas, interview)


def test_keeping_an_agreed_evening_time_does_not_ask_again(personas, frozen):
    evening = datetime(2025, 3, 18, 18, 0, tzinfo=UTC)
    interview = _schedule(personas, starts_at=evening, override_reason="Her choice")

    interview_reschedule(interview=interview, actor=personas.alice, starts_at=evening, location="Phone")
    with pytest.raises(OverrideRequired):
        interview_reschedule(interview=interview, actor=personas.alice, starts_at=evening + timedelta(hours=1))
    assert Interview.objects.get().location == "Phone"
