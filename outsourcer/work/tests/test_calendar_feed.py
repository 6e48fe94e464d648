"""The calendar feed: the secret address (create, rotate, revoke: only a digest is kept), what each
user's feed holds — and never holds — parsed back with the icalendar library, time zones across
a clock change, the response's headers, and a query count that does not grow with the events."""

from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outsourcer.accounts.roles import Role
from outsourcer.audit.models import Event
from outsourcer.hiring.models import Interview
from outsourcer.testing.builders import NOW, make_budget
from outsourcer.testing.factories import EngagementFactory, MembershipFactory
from outsourcer.testing.rows import insert_hourly_contract
from outsourcer.testing.work import make_task
from outsourcer.work import services
from outsourcer.work.models import CalendarFeed, TaskMilestone

pytestmark = pytest.mark.django_db


def _feed_url(user) -> str:
    _, raw = services.calendar_feed_create(user=user)
    return reverse("calendar:feed", args=[raw])


def _calendar(url: str) -> icalendar.Calendar:
    response = Client().get(url)
    assert response.status_code == 200, response.status_code
    return icalendar.Calendar.from_ical(response.content)


def _summaries(calendar: icalendar.Calendar) -> list[str]:
    return sorted(str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))


def _sent(personas, contract=None, *, owner=None, **fields):
    task = make_task(personas, contract, **fields)
    return services.task_send(task=task, actor=owner or personas.alice, override_reason="agreed")


def _oscars_task_for_carol(personas):
    """Oscar's organization engages Carol too, and sends her a task of its own."""
    engagement = EngagementFactory(organization=personas.other_org, contractor=personas.carol_contractor)
    budget = make_budget(personas, organization=personas.other_org, name="Outfits", amount_cents=10**9)
    contract = insert_hourly_contract(budget, engagement, title="Catalogue")
    return _sent(personas, contract, owner=personas.oscar, title="Oscar's catalogue shoot")


def _interview(personas, *, interviewer, starts_at, engagement=None):
    engagement = engagement or personas.carol_engagement
    interview = Interview.objects.create(
        organization=engagement.organization,
        engagement=engagement,
        contractor=engagement.contractor,
        starts_at=starts_at,
        location="https://meet.example/crumb",
    )
    interview.interviewers.add(interviewer)
    return interview


@pytest.fixture
def both_clients(personas, frozen):
    """Carol works for Crumb & Co. (a sent task with a milestone, a draft, an interview with Alice)
    and for Oscar (a sent task)."""
    crumb = _sent(personas, title="Crumb menu photos")
    TaskMilestone.objects.create(organization=personas.org, task=crumb, title="First drafts", due_on=date(2025, 3, 19))
    make_task(personas, title="Crumb draft, not sent")
    oscars = _oscars_task_for_carol(personas)
    _interview(personas, interviewer=personas.alice, starts_at=datetime(2025, 3, 20, 14, 0, tzinfo=UTC))
    return crumb, oscars


def test_the_contractor_sees_her_own_work_for_every_client_but_no_draft(personas, both_clients):
    calendar = _calendar(_feed_url(personas.carol))
    assert _summaries(calendar) == [
        "Due: Crumb menu photos (Crumb & Co.)",
        "Due: Oscar's catalogue shoot (Oscar's Outfitters)",
        "Interview with Crumb & Co.",
        "Milestone: First drafts · Crumb menu photos (Crumb & Co.)",
    ]
    assert "METHOD" not in calendar and str(calendar["VERSION"]) == "2.0"


def test_a_client_sees_only_its_own_tasks_never_the_contractors_other_client(personas, both_clients):
    alice = _summaries(_calendar(_feed_url(personas.alice)))
    assert alice == [
        "Due: Crumb draft, not sent (Carol Contractor)",
        "Due: Crumb menu photos (Carol Contractor)",
        "Interview: Carol Contractor",
        "Milestone: First drafts · Crumb menu photos (Carol Contractor)",
    ]
    oscar = _summaries(_calendar(_feed_url(personas.oscar)))
    assert oscar == ["Due: Oscar's catalogue shoot (Carol Contractor)"]
    # Bob is a member, not an interviewer; Dan has nothing to do with any of it.
    assert "Interview: Carol Contractor" not in _summaries(_calendar(_feed_url(personas.bob)))
    assert _summaries(_calendar(_feed_url(personas.dan))) == []


def test_done_and_cancelled_tasks_and_old_deadlines_leave_the_feed(personas, frozen):
    old = _sent(personas, title="Last year's job", deadline_at=NOW - timedelta(days=40))
    cancelled = _sent(personas, title="Called off")
    services.task_cancel(task=cancelled, actor=personas.alice)
    assert old.pk and _summaries(_calendar(_feed_url(personas.carol))) == []


def test_times_carry_the_viewers_zone_and_its_rules_across_the_clock_change(personas, frozen):
    # Lisbon is UTC+0 in winter and UTC+1 in summer (from 30 March 2025).
    winter = datetime(2025, 3, 28, 17, 0, tzinfo=UTC)
    summer = datetime(2025, 4, 4, 16, 0, tzinfo=UTC)
    _sent(personas, title="Winter", deadline_at=winter)
    _sent(personas, title="Summer", deadline_at=summer)
    calendar = _calendar(_feed_url(personas.carol))
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    for title, moment, wall in (("Winter", winter, "17:00"), ("Summer", summer, "17:00")):
        event = events[f"Due: {title} (Crumb & Co.)"]
        assert event["DTSTART"].params["TZID"] == "Europe/Lisbon" and "DTEND" not in event
        start = event.decoded("DTSTART")
        assert start.astimezone(UTC) == moment and f"{start:%H:%M}" == wall
    [zone] = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Lisbon"
    assert {part.name for part in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}


def test_a_milestone_is_an_all_day_event_and_an_interview_has_its_length(personas, both_clients):
    calendar = _calendar(_feed_url(personas.carol))
    events = {str(event["SUMMARY"]).split(":")[0]: event for event in calendar.walk("VEVENT")}
    milestone, interview = events["Milestone"], events["Interview with Crumb & Co."]
    assert (milestone.decoded("DTSTART"), milestone.decoded("DTEND")) == (date(2025, 3, 19), date(2025, 3, 20))
    assert interview.decoded("DTEND") - interview.decoded("DTSTART") == timedelta(minutes=45)
    assert str(interview["URL"]).endswith(reverse("hiring-portal:interviews"))


def test_the_feed_needs_no_session_and_is_private_text_calendar(personas, both_clients):
    response = Client().get(_feed_url(personas.carol))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"].startswith("private")
    assert Client().post(_feed_url(personas.carol)).status_code == 405


@pytest.mark.parametrize("secret", ["cal_unknown", "nothing", "cal_" + "x" * 200])
def test_an_unknown_secret_is_404(personas, secret):
    assert Client().get(reverse("calendar:feed", args=[secret])).status_code == 404


def test_rotating_stops_the_old_address_and_revoking_stops_every_address(personas, both_clients):
    old = _feed_url(personas.carol)
    new = _feed_url(personas.carol)
    assert Client().get(old).status_code == 404 and Client().get(new).status_code == 200
    services.calendar_feed_revoke(feed=CalendarFeed.objects.get(user=personas.carol), actor=personas.carol)
    assert Client().get(new).status_code == 404
    actions = list(Event.objects.filter(actor=personas.carol).values_list("action", flat=True).order_by("id"))
    assert actions[-3:] == ["calendar_feed_created", "calendar_feed_rotated", "calendar_feed_revoked"]


def test_only_a_digest_of_the_secret_is_kept(personas):
    feed, raw = services.calendar_feed_create(user=personas.carol)
    assert raw.startswith("cal_") and len(raw) > 40
    assert raw not in feed.digest and len(feed.digest) == 64


def test_an_inactive_account_has_no_feed(personas, both_clients):
    url = _feed_url(personas.carol)
    personas.carol.is_active = False
    personas.carol.save(update_fields=["is_active"])
    assert Client().get(url).status_code == 404


def test_the_query_count_does_not_grow_with_the_events(personas, both_clients):
    url = _feed_url(personas.carol)
    client = Client()

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    few = queries()
    crumb, _ = both_clients
    for n in range(10):
        task = _sent(personas, crumb.contract, title=f"Task {n}")
        TaskMilestone.objects.create(organization=personas.org, task=task, title="Step", due_on=date(2025, 3, 20))
        _interview(personas, interviewer=personas.bob, starts_at=datetime(2025, 3, 21, 9 + n % 5, 0, tzinfo=UTC))
    assert queries() == few <= 8
    assert len(_calendar(url).walk("VEVENT")) == 4 + 30


def test_a_contractor_who_is_also_a_member_sees_each_task_once(personas, both_clients):
    MembershipFactory(organization=personas.org, user=personas.carol, role=Role.MANAGER)
    assert _summaries(_calendar(_feed_url(personas.carol))) == [
        "Due: Crumb draft, not sent (Carol Contractor)",
        "Due: Crumb menu photos (Carol Contractor)",
        "Due: Oscar's catalogue shoot (Oscar's Outfitters)",
        "Interview with Crumb & Co.",
        "Milestone: First drafts · Crumb menu photos (Carol Contractor)",
    ]
