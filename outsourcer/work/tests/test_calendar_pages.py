"""The calendar pages: the feed's address made, replaced and turned off from "Your account" and the
portal profile (and the API), the organization's timeline (SVG and table with the same tasks,
overdue work marked), and the contractor's week with the capacity it uses."""

from datetime import UTC, date, datetime, timedelta
from xml.etree import ElementTree

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outsourcer.testing.builders import NOW
from outsourcer.testing.fixtures import text
from outsourcer.testing.work import make_task
from outsourcer.work import services
from outsourcer.work.models import CalendarFeed, TaskMilestone
from outsourcer.work.tests.test_calendar_feed import _oscars_task_for_carol, _sent
from outsourcer.work.timeline import DAY_WIDTH, LABEL_WIDTH, organization_timeline

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(client, personas):
    client.force_login(personas.alice)
    return client


@pytest.fixture
def carol(client, personas):
    client.force_login(personas.carol)
    return client


def test_your_account_and_the_portal_profile_offer_the_feed(alice, personas):
    page = text(alice.get(reverse("accounts:profile")))
    assert "Calendar feed" in page and "Create my calendar address" in page
    client = Client()
    client.force_login(personas.carol)
    assert "Create my calendar address" in text(client.get(reverse("portal:profile")))


def test_creating_shows_the_address_once_and_it_serves_the_feed(alice, personas):
    response = alice.post(reverse("calendar:create"))
    page = text(response)
    feed = CalendarFeed.objects.get(user=personas.alice)
    assert response.status_code == 200 and "shown only this once" in page
    url = page.split('id="feed-url" type="text" value="', 1)[1].split('"', 1)[0]
    assert "/calendar/cal_" in url and "webcal://" in page
    assert Client().get(url.split("testserver", 1)[-1]).status_code == 200
    # The settings page no longer shows it: only the digest is kept.
    assert url.rsplit("/", 1)[1] not in text(alice.get(reverse("calendar:settings"))) and feed.digest


def test_replacing_and_turning_off(alice, personas):
    alice.post(reverse("calendar:create"))
    first = CalendarFeed.objects.get(user=personas.alice).digest
    alice.post(reverse("calendar:create"))
    assert CalendarFeed.objects.get(user=personas.alice).digest != first
    response = alice.post(reverse("calendar:revoke"))
    assert response.status_code == 302 and not CalendarFeed.objects.filter(user=personas.alice).exists()
    assert alice.post(reverse("calendar:revoke")).status_code == 404
    assert alice.get(reverse("calendar:revoke")).status_code == 405


def test_the_feed_token_api(api_as, personas):
    api = api_as(personas.carol, portal=True)
    assert api.get("/calendar/feed-token").json() == {"active": False, "created_at": None, "rotated_at": None}
    made = api.post("/calendar/feed-token")
    assert made.status_code == 201 and made.json()["url"].split("/calendar/")[1].startswith("cal_")
    assert Client().get("/calendar/" + made.json()["url"].split("/calendar/")[1]).status_code == 200
    assert api.get("/calendar/feed-token").json()["active"] is True
    assert api.request("delete", "/calendar/feed-token").status_code == 204
    assert api.request("delete", "/calendar/feed-token").status_code == 404
    assert api_as(None).get("/calendar/feed-token").status_code == 401


# The timeline


def test_the_timeline_draws_each_task_in_svg_and_in_the_table(alice, personas, org_url, frozen):
    task = _sent(personas, title="Menu photos", deadline_at=datetime(2025, 3, 28, 17, 0, tzinfo=UTC))
    TaskMilestone.objects.create(organization=personas.org, task=task, title="Drafts", due_on=date(2025, 3, 24))
    late = _sent(personas, title="Late flyer", deadline_at=datetime(2025, 3, 14, 17, 0, tzinfo=UTC))
    page = text(alice.get(org_url("tasks:timeline")))
    assert "<svg" in page and 'role="img"' in page
    assert page.count("Menu photos") >= 2 and "Drafts (24 Mar)" in page
    assert "2 tasks of 1 contractor from 17 Mar to 27 Apr 2025, 1 overdue" in page
    row = page.split("Late flyer</a>", 1)[1].split("</tr>", 1)[0]
    assert "Overdue" in row and 'class="is-overdue"' in page and "task-bar is-overdue" in page
    assert late.pk


def test_the_timeline_navigates_by_weeks_and_shows_only_this_organization(alice, personas, org_url, frozen):
    _sent(personas, title="Menu photos", deadline_at=datetime(2025, 3, 28, 17, 0, tzinfo=UTC))
    _oscars_task_for_carol(personas)
    page = text(alice.get(org_url("tasks:timeline")))
    assert "Oscar" not in page and "?start=2025-04-28&amp;weeks=6" in page and "?start=2025-02-03" in page
    later = text(alice.get(org_url("tasks:timeline") + "?start=2025-04-30&weeks=2"))
    assert "from 28 Apr to 11 May 2025" in later and "No tasks with a deadline in these weeks." in later
    for query in ("?start=nonsense&weeks=0", "?start=9999-99-99&weeks=x", "?start=1900-01-01&weeks=999"):
        assert alice.get(org_url("tasks:timeline") + query).status_code == 200


def test_the_timeline_sends_as_many_queries_for_many_tasks_as_for_one(alice, personas, org_url, frozen):
    task = _sent(personas, title="First", deadline_at=datetime(2025, 3, 28, 17, 0, tzinfo=UTC))

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert alice.get(org_url("tasks:timeline")).status_code == 200
        return len(captured.captured_queries)

    one = queries()
    for n in range(15):
        more = make_task(personas, task.contract, title=f"Task {n}", deadline_at=NOW + timedelta(days=n))
        TaskMilestone.objects.create(organization=personas.org, task=more, title="Step", due_on=date(2025, 3, 20))
    assert queries() == one <= 12


# The contractor's week


def test_the_week_shows_every_clients_commitments_in_her_zone(carol, personas, frozen):
    # Friday 21 March 16:00 UTC is 16:00 in Lisbon (winter); 4 h estimate, due this week: all of it.
    crumb = _sent(personas, title="Menu photos")
    services.task_accept(task=crumb, contractor=personas.carol_contractor)
    TaskMilestone.objects.create(organization=personas.org, task=crumb, title="Drafts", due_on=date(2025, 3, 19))
    _oscars_task_for_carol(personas)
    page = text(carol.get(reverse("tasks-portal:week")))
    assert "Week of 17 March 2025" in page
    assert "Menu photos" in page and "Oscar&#x27;s catalogue shoot" in page and "Drafts · Menu photos" in page
    assert "16:00" in page and "Friday 21 Mar" in page
    # Both tasks: 4 h each, but only the accepted one uses capacity (30 h declared).
    assert "<strong>4 h</strong> of the 30 h a week you declared" in page and "(13 %)" in page


def test_the_week_moves_and_its_times_follow_the_clock_change(carol, personas):
    with time_machine.travel(datetime(2025, 3, 24, 9, 0, tzinfo=UTC), tick=False):
        task = _sent(personas, title="After the change", deadline_at=datetime(2025, 4, 1, 16, 0, tzinfo=UTC))
        services.task_accept(task=task, contractor=personas.carol_contractor)
        this_week = text(carol.get(reverse("tasks-portal:week")))
        next_week = text(carol.get(reverse("tasks-portal:week") + "?week=2025-04-02"))
    assert "Week of 24 March 2025" in this_week and "After the change" not in this_week.split("Day by day")[1]
    # 16:00 UTC on 1 April is 17:00 in Lisbon (summer time from 30 March).
    assert "Week of 31 March 2025" in next_week and "17:00" in next_week
    assert carol.get(reverse("tasks-portal:week") + "?week=nonsense").status_code == 200


def test_another_contractor_sees_none_of_it_and_members_have_no_week(client, personas, frozen):
    _sent(personas, title="Menu photos")
    client.force_login(personas.dan)
    assert "Menu photos" not in text(client.get(reverse("tasks-portal:week")))
    client.force_login(personas.alice)
    assert client.get(reverse("tasks-portal:week")).status_code == 404


def test_the_week_sends_as_many_queries_for_many_tasks_as_for_one(carol, personas, frozen):
    task = _sent(personas, title="First")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert carol.get(reverse("tasks-portal:week")).status_code == 200
        return len(captured.captured_queries)

    one = queries()
    for n in range(10):
        more = _sent(personas, task.contract, title=f"Task {n}", deadline_at=NOW + timedelta(days=n % 5))
        services.task_accept(task=more, contractor=personas.carol_contractor)
        TaskMilestone.objects.create(organization=personas.org, task=more, title="Step", due_on=date(2025, 3, 20))
    assert queries() == one <= 12


def test_the_timeline_svg_is_well_formed_and_places_bars_by_date(alice, personas, org_url, frozen):
    task = _sent(personas, title="Menu & <photos>", deadline_at=datetime(2025, 3, 28, 17, 0, tzinfo=UTC))
    done = _sent(personas, task.contract, title="Old flyer", deadline_at=datetime(2025, 3, 10, 17, 0, tzinfo=UTC))
    services.task_cancel(task=done, actor=personas.alice)
    page = alice.get(org_url("tasks:timeline")).content.decode()
    # Our own page, not untrusted input.
    svg = ElementTree.fromstring(page[page.index("<svg") : page.index("</svg>") + 6])  # noqa: S314
    assert svg.get("viewBox").startswith("0 0 ")
    timeline = organization_timeline(organization=personas.org, monday=date(2025, 3, 17), weeks=6, now=NOW)
    [lane] = timeline.lanes
    [bar] = lane.tasks
    # Sent on Monday 17 March, due Friday 28 March: the bar spans twelve days from the first column.
    assert (bar.x, bar.width, bar.is_overdue) == (LABEL_WIDTH, 12 * DAY_WIDTH, False)
    assert timeline.today_x == LABEL_WIDTH + DAY_WIDTH // 2
