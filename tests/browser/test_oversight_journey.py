"""Issue 13 §10's journey in Chromium, end to end: Carol hands over a PDF; Alice, from her home's
"needs you now", asks for changes with a reason; Carol reads it and hands over version 2; Alice
accepts it, follows the Health Check's action to the feedback owed and gives feedback (with a
private note Carol never sees); Carol reads it and rates Crumb. The home and the Health Check
change at each step. Then Alice starts a near-duplicate of Carol's work for Dan: the form says it
looks like Carol's task, saving needs a reason, and the Health Check counts the override. The home
fits a phone and its jump links lead to the sections; the deliverable page fits a phone; printed,
the Health Check drops the menu.

The clock is the real one: the tasks are sent with a reason (the builders' deadline is past), and
the missed check-in's and the overdue deadline's moments are moved into the past in the rows."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from outsourcer.oversight.models import OrganizationRating
from outsourcer.testing.browser import PHONE, log_in, page_width
from outsourcer.testing.builders import make_budget, make_contract
from outsourcer.testing.factories import EngagementFactory
from outsourcer.testing.oversight import PDF_BYTES
from outsourcer.testing.work import make_task
from outsourcer.work.models import CheckInCadence, Task
from outsourcer.work.services import task_accept, task_ask, task_send, task_start
from outsourcer.work.services.checkins import checkin_cadence_set

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NOTE = "Pricey: ask Dan for a quote next time"
DESKTOP = {"width": 1280, "height": 800}


def _taken(personas, title: str, **brief) -> Task:
    task = task_send(task=make_task(personas, title=title, **brief), actor=personas.alice, override_reason="ok")
    return task_accept(task=task, contractor=task.contractor)


def _work(personas):
    """Carol's work at Crumb besides the journey's task: a question, a task whose check-in is
    missed, an overdue one (the work Dan's task will look like); and Dan engaged, with a contract
    and a task of his own (so the near-duplicate changes the duplicate count, not his idleness)."""
    now = timezone.now()
    make_budget(personas)
    asked = task_send(task=make_task(personas, title="Shop banners"), actor=personas.alice, override_reason="ok")
    task_ask(task=asked, contractor=asked.contractor, question="Which sizes?")
    quiet = task_start(task=_taken(personas, "Newsletter"), contractor=personas.carol_contractor)
    checkin_cadence_set(task=quiet, actor=personas.alice, kind="weekly", weekday=0)
    CheckInCadence.objects.filter(task=quiet).update(next_due_at=now - timedelta(days=1))
    late = _taken(personas, "Refresh the shop photos", goal="New photos of every product")
    Task.objects.filter(pk=late.pk).update(deadline_at=now - timedelta(days=2))
    EngagementFactory(organization=personas.org, contractor=personas.dan_contractor)
    dans_budget = make_budget(personas, name="Dan's budget", amount_cents=10**9)
    dans_contract = make_contract(personas, dans_budget, contractor=personas.dan_contractor, title="Dan's tasks")
    make_task(personas, dans_contract, title="Checkout page fixes", goal="Fix the gift-card checkout errors")
    return dans_contract


def _hand_over(page, base, task, pdf, note):
    page.goto(f"{base}/portal/tasks/{task.pk}/")
    page.get_by_role("button", name="Hand over work").click()
    page.get_by_label("Note").fill(note)
    page.get_by_label("Files").set_input_files(str(pdf))
    page.get_by_role("button", name="Hand over").click()
    expect(page.get_by_text(re.compile("You handed over"))).to_be_visible()


def test_hand_over_review_feedback_and_a_near_duplicate_change_the_home_and_the_health_check(
    live_server, browser, page, personas, tmp_path
):
    task = _taken(personas, "Menu photos")
    dans_contract = _work(personas)
    pdf = tmp_path / "menu.pdf"
    pdf.write_bytes(PDF_BYTES)
    base, org = live_server.url, f"{live_server.url}/o/{personas.org.slug}"
    page.set_default_timeout(15_000)
    carol = browser.new_context().new_page()
    carol.set_default_timeout(15_000)
    log_in(carol, base, personas.carol.email)
    log_in(page, base, personas.alice.email)

    # Before the hand-over: nothing accepted, nothing to review.
    page.goto(f"{org}/health/")
    expect(page.get_by_role("heading", name="Outsourcing Health Check")).to_be_visible()
    expect(page.get_by_test_id("score-budget")).to_have_text("100")
    expect(page.get_by_test_id("fact-monitoring-2")).to_have_text("0")  # accepted deliverables
    page.goto(f"{org}/")
    needs = page.locator("section.needs")
    expect(needs.get_by_role("link", name=re.compile("Review Menu photos"))).to_have_count(0)

    # Carol hands over version 1.
    _hand_over(carol, base, task, pdf, "All twelve dishes.")
    expect(carol.get_by_text("Waiting for review.")).to_be_visible()

    # Alice's home, on a phone: the review waits, with the question, the missed check-in and the
    # overdue task; the jump links lead to the sections and nothing scrolls sideways.
    page.set_viewport_size(PHONE)
    page.goto(f"{org}/")
    expect(needs.get_by_role("link", name="Review Menu photos · Carol Contractor")).to_be_visible()
    expect(needs.get_by_role("link", name="Answer Carol Contractor on Shop banners")).to_be_visible()
    expect(needs).to_contain_text("“Which sizes?”")
    expect(needs.locator("#needs-missing_checkins").locator("..")).to_contain_text("Newsletter · Carol Contractor")
    expect(needs.locator("#needs-overdue").locator("..")).to_contain_text("Refresh the shop photos · Carol Contractor")
    assert page_width(page) <= PHONE["width"]
    page.get_by_role("navigation", name="Jump to a section").get_by_role("link", name=re.compile("Overdue")).click()
    expect(page).to_have_url(re.compile("#needs-overdue$"))
    charts = page.locator("section.home-charts")
    expect(charts.get_by_role("heading", name="Spend against budget")).to_be_visible()
    expect(charts.get_by_role("heading", name="Utilization, next 7 days")).to_be_visible()
    expect(charts.get_by_role("table").first).to_contain_text("Budget this period")
    page.set_viewport_size(DESKTOP)

    # The reviews list has it too; from the home to the review, Alice asks for changes with a reason.
    page.goto(f"{org}/oversight/reviews/")
    expect(page.get_by_role("link", name="Menu photos")).to_be_visible()
    page.goto(f"{org}/")
    needs.get_by_role("link", name="Review Menu photos · Carol Contractor").click()
    expect(page.get_by_role("link", name="menu.pdf")).to_be_visible()
    page.get_by_text("Request changes").click()
    page.get_by_label("Something is missing").check()
    page.get_by_role("textbox", name="Comment").fill("The desserts are missing.")
    page.get_by_role("button", name="Send the request for changes").click()
    expect(page.get_by_text(re.compile("You asked for changes"))).to_be_visible()
    deliverable_url = page.url

    # Carol reads why and hands over version 2.
    carol.goto(f"{base}/portal/deliverables/")
    carol.get_by_role("link", name="Menu photos").click()
    expect(carol.get_by_text("The desserts are missing.")).to_be_visible()
    expect(carol.get_by_text("Something is missing")).to_be_visible()
    _hand_over(carol, base, task, pdf, "Desserts added.")
    expect(carol.get_by_text("Version 2")).to_be_visible()

    # Alice accepts version 2; the deliverable page fits a phone.
    page.goto(deliverable_url)
    expect(page.get_by_role("heading", name="Your review of version 2")).to_be_visible()
    page.get_by_role("button", name="Accept").click()
    expect(page.get_by_text(re.compile("You accepted “Menu photos”"))).to_be_visible()
    expect(page.get_by_text(re.compile("decided in")).first).to_be_visible()
    page.set_viewport_size(PHONE)
    page.goto(deliverable_url)
    assert page_width(page) <= PHONE["width"]
    page.set_viewport_size(DESKTOP)

    # The home: the review is done, the feedback is owed.
    page.goto(f"{org}/")
    expect(needs.get_by_role("link", name=re.compile("Review Menu photos"))).to_have_count(0)
    expect(needs.get_by_role("link", name="Give feedback on Menu photos · Carol Contractor")).to_be_visible()

    # The Health Check: one accepted, none with feedback; its action leads to the feedback owed.
    page.goto(f"{org}/health/")
    expect(page.get_by_test_id("fact-monitoring-2")).to_have_text("1")
    expect(page.get_by_test_id("fact-monitoring-3")).to_have_text("0")  # of them, with your feedback
    monitoring = page.get_by_test_id("score-monitoring")
    before = int(monitoring.inner_text())
    expect(page.get_by_role("link", name="Feedback", exact=True).first).to_be_visible()  # also in the menu
    page.get_by_role("link", name="Give feedback on 1 accepted deliverable").click()
    expect(page.get_by_role("heading", name="Feedback owed")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Menu photos")
    row.get_by_role("button", name="Give feedback").or_(row.get_by_role("link", name="Give feedback")).click()
    expect(page.get_by_role("heading", name=re.compile("Feedback on “Menu photos”"))).to_be_visible()
    page.locator("input[name=quality][value='5']").check()
    page.locator("input[name=timeliness][value='4']").check()
    page.locator("input[name=communication][value='5']").check()
    page.get_by_label("Comment").fill("Warm light, every dish sharp. Keep this style.")
    page.get_by_label("Private note").fill(NOTE)
    page.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_text("Feedback sent")).to_be_visible()
    expect(page.get_by_text("No feedback owed.")).to_be_visible()

    page.goto(f"{org}/health/")
    expect(page.get_by_test_id("fact-monitoring-3")).to_have_text("1")
    assert int(monitoring.inner_text()) > before
    expect(page.get_by_text("Give feedback on")).to_have_count(0)
    expect(page.get_by_test_id("fact-using-5")).to_have_text("0")  # duplicate-task overrides
    using = int(page.get_by_test_id("score-using").inner_text())
    page.goto(f"{org}/")
    expect(needs.get_by_role("link", name=re.compile("Give feedback on Menu photos"))).to_have_count(0)

    # Carol reads the ratings and the comment, never the private note, and rates Crumb.
    carol.goto(f"{base}/portal/feedback/")
    received = carol.locator("article").filter(has_text="Menu photos")
    expect(received).to_contain_text("Warm light, every dish sharp.")
    expect(received).to_contain_text("4/5")
    expect(carol.locator("body")).not_to_contain_text("Pricey")
    carol.get_by_role("link", name=re.compile("Rate Crumb")).click()
    carol.locator("input[name=brief_clarity][value='4']").check()
    carol.locator("input[name=responsiveness][value='5']").check()
    carol.locator("input[name=payment_timeliness][value='5']").check()
    carol.get_by_role("button", name="Send the rating").click()
    expect(carol.get_by_text(re.compile("only averages of three or more ratings"))).to_be_visible()
    expect(carol.get_by_role("link", name=re.compile("Rate Crumb"))).to_have_count(0)
    assert OrganizationRating.objects.get().responsiveness == 5

    # A near-duplicate of Carol's open work for Dan: the warning names it, saving needs a reason.
    page.goto(f"{org}/tasks/new/")
    page.get_by_label("Contract").select_option(str(dans_contract.pk))
    page.get_by_label("Title").fill("Retake product pictures for the online shop")
    page.get_by_label("Goal").fill("Every product in the shop needs a new photo.")
    page.get_by_label("Deliverables", exact=True).fill("One JPEG per product.")
    # Each button posts the whole form: wait for that page, not for the live check's copy of the same
    # text (its htmx swap after the contract's change can arrive first, and a click on the page being
    # left is lost).
    with page.expect_navigation():
        page.get_by_role("button", name="Check brief").click()
    similar = page.locator("#similar-work")
    expect(similar).to_contain_text("Looks like “Refresh the shop photos”, already with Carol Contractor (")
    with page.expect_navigation():
        page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value("Retake product pictures for the online shop")
    page.get_by_label("Reason to save it anyway").fill("Dan shoots the studio range, Carol the café")
    with page.expect_navigation():
        page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Saved although it looked like other work: “Dan shoots the studio range")).to_be_visible()

    # The Health Check counts the override, and the score for using contractors well drops.
    page.goto(f"{org}/health/")
    expect(page.get_by_test_id("fact-using-5")).to_have_text("1")
    assert int(page.get_by_test_id("score-using").inner_text()) < using

    # Printed, the page drops the menu.
    expect(page.locator(".app-header")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".app-header")).to_be_hidden()
    expect(page.get_by_test_id("score-monitoring")).to_be_visible()
