"""Check-ins due in the calendar feed: each due moment of a cadence for the next eight weeks, at the
end of the contractor's working day in their zone (across a clock change), to the contractor and
to the people who run the organization — not to a viewer, another client or a finished task."""

from datetime import UTC, date, datetime, time, timedelta

import icalendar
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outsourcer.testing.builders import NOW
from outsourcer.testing.work import make_task
from outsourcer.work import services
from outsourcer.work.feed import FEED_CHECKIN_WEEKS
from outsourcer.work.services.checkins import checkin_cadence_set, checkin_post

pytestmark = pytest.mark.django_db

LISBON_SUMMER = date(2025, 3, 30)  # Lisbon moves from UTC+0 to UTC+1


def _in_progress(personas, **fields):
    task = services.task_send(task=make_task(personas, **fields), actor=personas.alice, override_reason="agreed")
    task = services.task_accept(task=task, contractor=task.contractor)
    return services.task_start(task=task, contractor=task.contractor)


def _checkins(user) -> list:
    _, raw = services.calendar_feed_create(user=user)
    response = Client().get(reverse("calendar:feed", args=[raw]))
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    return [event for event in calendar.walk("VEVENT") if str(event["SUMMARY"]).startswith("Check-in due")]


def test_a_weekly_cadence_lists_each_wednesday_at_the_end_of_her_day_across_the_clock_change(personas, frozen):
    task = _in_progress(personas, title="Menu photos")
    checkin_cadence_set(task=task, actor=personas.alice, kind="weekly", weekday=2)
    events = _checkins(personas.carol)
    starts = [event.decoded("DTSTART") for event in events]
    # Monday 17 March 10:00 UTC plus eight weeks: the Wednesdays 19 March … 7 May.
    assert [start.date() for start in starts] == [date(2025, 3, 19) + timedelta(weeks=n) for n in range(8)]
    assert {start.time() for start in starts} == {time(17, 0)}
    assert {event["DTSTART"].params["TZID"] for event in events} == {"Europe/Lisbon"}
    assert starts[1].astimezone(UTC).hour == 17 and starts[2].astimezone(UTC).hour == 16  # summer time
    assert starts[1].date() < LISBON_SUMMER < starts[2].date()
    first = events[0]
    assert str(first["SUMMARY"]) == "Check-in due: Menu photos (Crumb & Co.)" and "DTEND" not in first
    assert str(first["URL"]).endswith(reverse("tasks-portal:detail", args=[task.pk]))
    assert "weekly on Wednesday" in str(first["DESCRIPTION"])
    assert len({str(event["UID"]) for event in events}) == 8


def test_every_working_day_skips_her_weekend_and_stops_after_eight_weeks(personas, frozen):
    task = _in_progress(personas)
    checkin_cadence_set(task=task, actor=personas.alice, kind="working_days", every_days=1)
    starts = [event.decoded("DTSTART") for event in _checkins(personas.carol)]
    # Tuesday 18 March … Monday 12 May, whose 17:00 lies past the eight weeks from 10:00 today.
    assert len(starts) == 5 * FEED_CHECKIN_WEEKS - 1
    assert {start.weekday() for start in starts} == {0, 1, 2, 3, 4}
    assert starts[0] == datetime(2025, 3, 18, 17, tzinfo=UTC)  # the day after it was set
    assert max(starts) <= NOW + timedelta(weeks=FEED_CHECKIN_WEEKS)


def test_a_check_in_moves_the_next_one_and_a_missed_one_stays_listed(personas, time_machine):
    time_machine.move_to(NOW, tick=False)
    task = _in_progress(personas)
    checkin_cadence_set(task=task, actor=personas.alice, kind="weekly", weekday=0)  # Mondays
    assert _checkins(personas.carol)[0].decoded("DTSTART").date() == date(2025, 3, 17)
    time_machine.move_to(NOW + timedelta(days=1), tick=False)  # Monday 17:00 passed with no check-in
    assert _checkins(personas.carol)[0].decoded("DTSTART").date() == date(2025, 3, 17)
    checkin_post(task=task, contractor=task.contractor, status="on_track", percent_done=10)
    assert _checkins(personas.carol)[0].decoded("DTSTART").date() == date(2025, 3, 24)


def test_the_owner_and_manager_see_them_a_viewer_and_other_clients_do_not(personas, frozen):
    task = _in_progress(personas, title="Menu photos")
    checkin_cadence_set(task=task, actor=personas.alice, kind="weekly", weekday=2)
    for runner in (personas.alice, personas.bob):
        events = _checkins(runner)
        assert len(events) == 8 and str(events[0]["SUMMARY"]) == "Check-in due: Menu photos (Carol Contractor)"
        assert str(events[0]["URL"]).endswith(reverse("tasks:detail", args=[personas.org.slug, task.pk]))
    for outsider in (personas.vera, personas.oscar, personas.dan):
        assert _checkins(outsider) == []


def test_a_submitted_task_asks_for_no_more_check_ins(personas, frozen):
    task = _in_progress(personas)
    checkin_cadence_set(task=task, actor=personas.alice, kind="weekly", weekday=2)
    services.task_submit(task=task, contractor=task.contractor)
    assert _checkins(personas.carol) == [] and _checkins(personas.alice) == []


def test_the_query_count_does_not_grow_with_the_cadences(personas, frozen):
    _, raw = services.calendar_feed_create(user=personas.carol)
    url, client = reverse("calendar:feed", args=[raw]), Client()

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    checkin_cadence_set(task=_in_progress(personas), actor=personas.alice, kind="weekly", weekday=2)
    one = queries()
    for n in range(5):
        checkin_cadence_set(task=_in_progress(personas), actor=personas.alice, kind="working_days", every_days=n + 1)
    assert queries() == one
    assert len(_checkins(personas.carol)) > 40
