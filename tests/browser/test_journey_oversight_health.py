"""Issue 13 §9 in Chromium: the owner opens the Outsourcing Health Check and sees a score per
mistake; after feedback is given on the accepted deliverable, the feedback-coverage fact and the
monitoring score change; printed, the page drops the menu."""

import pytest
from playwright.sync_api import expect

from outsourcer.testing.browser import log_in
from outsourcer.testing.builders import make_budget
from outsourcer.testing.oversight import make_deliverable
from outsourcer.testing.work import make_task
from outsourcer.work.services import task_accept, task_send

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_health_check_scores_follow_the_feedback_and_print_without_the_menu(live_server, page, personas):
    base = live_server.url
    page.set_default_timeout(15_000)
    make_budget(personas)
    # The brief check runs on the real clock here, past the builders' deadline: sent with a reason.
    task = task_send(task=make_task(personas), actor=personas.alice, override_reason="Journey")
    task = task_accept(task=task, contractor=task.contractor)
    make_deliverable(personas, task, review="accept")

    log_in(page, base, personas.alice.email)
    page.goto(f"{base}/o/{personas.org.slug}/health/")
    expect(page.get_by_role("heading", name="Outsourcing Health Check")).to_be_visible()
    expect(page.get_by_test_id("score-budget")).to_have_text("100")
    monitoring = page.get_by_test_id("score-monitoring")
    before = int(monitoring.inner_text())
    expect(page.get_by_test_id("fact-monitoring-3")).to_have_text("0")
    # The action links to the feedback owed; the owner gives it there.
    page.get_by_role("link", name="Give feedback on 1 accepted deliverable").click()
    page.get_by_role("link", name="Give feedback").or_(page.get_by_role("button", name="Give feedback")).first.click()
    page.locator("input[name=quality][value='4']").check()
    page.locator("input[name=timeliness][value='4']").check()
    page.locator("input[name=communication][value='5']").check()
    page.get_by_label("Comment").fill("Good work, on time.")
    page.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_text("Feedback sent")).to_be_visible()

    page.goto(f"{base}/o/{personas.org.slug}/health/")
    expect(page.get_by_test_id("fact-monitoring-3")).to_have_text("1")
    assert int(monitoring.inner_text()) > before
    expect(page.get_by_text("Give feedback on")).to_have_count(0)

    expect(page.locator(".app-header")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".app-header")).to_be_hidden()
    expect(page.get_by_test_id("score-monitoring")).to_be_visible()
