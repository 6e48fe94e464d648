"""The timeline and the contractor's week at a phone's width (390 px) in Chromium: the page does not
scroll sideways (the timeline's drawing scrolls inside its own box), overdue work shows in red."""

from datetime import UTC, date, datetime

import pytest
import time_machine

from outsourcer.testing.browser import PHONE, log_in, page_width
from outsourcer.work import services
from outsourcer.work.models import TaskMilestone
from outsourcer.work.tests.test_calendar_feed import _sent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_the_timeline_and_the_week_fit_a_phone(live_server, phone, personas):
    with time_machine.travel(datetime(2025, 3, 17, 10, 0, tzinfo=UTC)):
        task = _sent(personas, title="Spring menu photos", deadline_at=datetime(2025, 3, 28, 17, 0, tzinfo=UTC))
        services.task_accept(task=task, contractor=personas.carol_contractor)
        TaskMilestone.objects.create(organization=personas.org, task=task, title="Drafts", due_on=date(2025, 3, 21))
        _sent(personas, task.contract, title="Late flyer", deadline_at=datetime(2025, 3, 14, 17, 0, tzinfo=UTC))
    with time_machine.travel(datetime(2025, 3, 17, 10, 0, tzinfo=UTC)):
        base = live_server.url
        log_in(phone, base, personas.alice.email)
        phone.goto(f"{base}/o/{personas.org.slug}/tasks/timeline/")
        assert phone.locator("svg .task-bar.is-overdue").count() == 1
        assert phone.locator("tr.is-overdue").count() == 1
        assert page_width(phone) <= PHONE["width"], "the timeline scrolls sideways"
        phone.screenshot(path="/tmp/timeline-phone.png", full_page=True)

        phone.context.clear_cookies()
        log_in(phone, base, personas.carol.email)
        phone.goto(f"{base}/portal/tasks/week/")
        assert phone.get_by_text("Drafts · Spring menu photos").is_visible()
        assert page_width(phone) <= PHONE["width"], "the week scrolls sideways"
        phone.screenshot(path="/tmp/week-phone.png", full_page=True)
