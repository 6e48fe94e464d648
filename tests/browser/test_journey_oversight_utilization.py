"""Issue 13 §4 in Chromium: the owner opens utilization and sees Carol flagged as over-booked
(an overdue 80-hour task is owed in full this week), then starts a 200-hour task for her due in
ten days and the brief check warns that it would over-book her — without naming the work she
does for another client."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from outsourcer.testing.browser import log_in
from outsourcer.testing.builders import make_budget
from outsourcer.testing.factories import EngagementFactory
from outsourcer.testing.rows import insert_hourly_contract
from outsourcer.testing.work import make_task
from outsourcer.work.models import Task, TaskStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECRET = "Oscar secret lookbook"


def _in_progress(personas, contract, **fields) -> None:
    task = make_task(personas, contract, **fields)
    Task.objects.filter(pk=task.pk).update(status=TaskStatus.IN_PROGRESS, sent_at=timezone.now() - timedelta(days=9))


def test_the_owner_sees_the_over_booked_contractor_and_the_warning(live_server, page, personas):
    base = live_server.url
    page.set_default_timeout(15_000)
    now = timezone.now()
    contract = insert_hourly_contract(make_budget(personas, amount_cents=10**9), personas.carol_engagement)
    _in_progress(personas, contract, title="Spring catalogue shoot", estimate_minutes=80 * 60, deadline_at=now)
    oscars = EngagementFactory(organization=personas.other_org, contractor=personas.carol_contractor)
    oscars_contract = insert_hourly_contract(make_budget(personas, organization=personas.other_org), oscars)
    _in_progress(personas, oscars_contract, title=SECRET, estimate_minutes=60, deadline_at=now)

    log_in(page, base, personas.alice.email)
    page.goto(f"{base}/o/crumb/utilization/")

    expect(page.get_by_role("status").first).to_contain_text("Over-booked: Carol Contractor")
    expect(page.locator("figure.chart svg")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text(SECRET)

    page.goto(f"{base}/o/crumb/tasks/new/")
    page.get_by_label("Contract").select_option(str(contract.pk))
    page.get_by_label("Title").fill("Summer catalogue shoot")
    page.get_by_label("Goal").fill("Every product of the summer range photographed for the catalogue.")
    page.get_by_label("Deadline").fill((now + timedelta(days=10)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Estimate (hours)").fill("200")
    with page.expect_navigation():  # the posted form's page, not the live check's copy of the warning
        page.get_by_role("button", name="Check brief").click()

    warning = page.locator(".capacity-warning")
    expect(warning).to_contain_text("This would over-book Carol Contractor")
    expect(page.locator("body")).not_to_contain_text(SECRET)
