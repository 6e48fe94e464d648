"""Issue 12's journey in Chromium: Alice (Berlin) writes a brief and watches the brief check's
findings change as she types (htmx) until there are none, and sends it; Carol, working from Tokyo,
asks a question, Alice answers, Carol accepts; Alice writes to her during Carol's night and is told
when it will reach her; Carol checks in "at risk" and Alice finds it on her home page.

The days are the test's: the Tuesday after the test clock's today in Tokyo, at chosen hours there,
so the working hours, the night and the deadline hold on any run date."""

import re
import zoneinfo
from datetime import datetime, time, timedelta

import pytest
import time_machine
from playwright.sync_api import expect

from outsourcer.lib.timezones import today_in
from outsourcer.messaging.models import Message
from outsourcer.testing.browser import log_in
from outsourcer.testing.work import task_contract
from outsourcer.work.models import CheckIn, Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
TUESDAY = 1


def _next_tuesday_in_tokyo():
    today = today_in("Asia/Tokyo")
    return today + timedelta(days=(TUESDAY - today.weekday() - 1) % 7 + 1)


def _findings(page):
    return page.locator("#brief-findings .finding")


def test_a_brief_from_draft_to_an_at_risk_check_in(live_server, browser, personas):
    carol = personas.carol_contractor
    carol.time_zone = "Asia/Tokyo"
    carol.working_hours = {day: ["09:00", "17:00"] for day in ("mon", "tue", "wed", "thu", "fri")}
    carol.save(update_fields=["time_zone", "working_hours"])
    personas.carol.time_zone = "Asia/Tokyo"
    personas.carol.save(update_fields=["time_zone"])
    contract = task_contract(personas)
    tuesday = _next_tuesday_in_tokyo()
    # Due a week on Friday, 17:00 in Tokyo: inside her hours, the lead time ample for 6 hours' work.
    deadline = datetime.combine(tuesday + timedelta(days=10), time(17, 0), tzinfo=TOKYO)
    base = live_server.url
    alice = browser.new_context().new_page()
    carols = browser.new_context().new_page()
    for page in (alice, carols):
        page.set_default_timeout(15_000)

    # Tuesday, 10:00 in Tokyo (early morning in Berlin).
    with time_machine.travel(datetime.combine(tuesday, time(10, 0), tzinfo=TOKYO), tick=True):
        log_in(alice, base, personas.alice.email)
        log_in(carols, base, personas.carol.email)

        # Alice writes a brief; the check answers as she types.
        alice.goto(f"{base}/o/crumb/tasks/new/")
        alice.get_by_label("Contract").select_option(str(contract.pk))
        alice.get_by_label("Title").fill("Window display photos")
        alice.get_by_label("Deliverables").fill("Some photos of the window, ASAP.")
        expect(alice.locator(".finding-vague_language")).to_contain_text("ASAP")
        for code in ("missing_goal", "no_acceptance_criteria", "missing_deadline"):
            expect(alice.locator(f".finding-{code}")).to_be_visible()

        # She fixes each finding; the list shrinks without a reload.
        alice.get_by_label("Goal").fill(
            "Passers-by should see the spring window on our site and come in: the photos go on the home page."
        )
        alice.get_by_label("Deliverables").fill(
            "Eight photos of the spring window display, taken from the street and from inside the shop."
        )
        alice.get_by_label("Format").fill("JPEG, 2000 px wide")
        alice.get_by_label("Acceptance criteria").fill("Every shelf of the display is in one photo\nNo reflections")
        alice.get_by_label("Deadline").fill(deadline.astimezone(BERLIN).strftime("%Y-%m-%dT%H:%M"))
        alice.get_by_label("Estimate (hours)").fill("6")
        alice.get_by_label("Point of contact").select_option(label="Alice Owner")
        expect(alice.locator(".finding-vague_language")).to_have_count(0)
        expect(_findings(alice)).to_have_count(0)
        expect(alice.locator("#brief-findings")).to_contain_text("Nothing to add: the brief is clear for Carol")
        alice.get_by_role("button", name="Save draft").click()
        expect(alice.get_by_role("heading", level=1)).to_contain_text("Window display photos")
        task = Task.objects.get(title="Window display photos")
        assert task.deadline_at == deadline

        alice.get_by_text("Send", exact=True).click()
        alice.get_by_role("button", name="Send to Carol Contractor").click()
        expect(alice.locator("h1 .status")).to_have_text("Sent")

        # Carol sees the deadline in her own time, and asks before accepting.
        carols.goto(f"{base}/portal/tasks/{task.pk}/")
        expect(carols.get_by_text(re.compile(r"Due .*17:00"))).to_be_visible()
        carols.get_by_text("Ask a question").click()
        carols.get_by_label("Your question").fill("Shall I shoot before the shop opens, to avoid people?")
        carols.get_by_role("button", name="Send the question").click()
        expect(carols.get_by_text("Crumb & Co. has your question about “Window display photos”.")).to_be_visible()
        expect(carols.get_by_role("heading", name="Your question")).to_be_visible()
        expect(carols.get_by_role("heading", name="Check-ins")).to_have_count(0)  # not hers to work on yet

        alice.goto(f"{base}/o/crumb/tasks/{task.pk}/")
        expect(alice.get_by_role("heading", name="Carol Contractor asks")).to_be_visible()
        alice.get_by_label("Your answer").fill("Yes please, at 8:00; I will be there to open up.")
        alice.get_by_role("button", name="Answer and send again").click()
        expect(alice.locator("h1 .status")).to_have_text("Sent")

        carols.goto(f"{base}/portal/tasks/{task.pk}/")
        expect(carols.get_by_text("Yes please, at 8:00")).to_be_visible()
        carols.get_by_role("button", name="Accept").click()
        expect(carols.locator("h1 .status")).to_have_text("Accepted")

    # Wednesday, 03:00 in Tokyo: Alice writes; the message waits for Carol's morning.
    with time_machine.travel(datetime.combine(tuesday + timedelta(days=1), time(3, 0), tzinfo=TOKYO), tick=True):
        alice.goto(f"{base}/o/crumb/tasks/{task.pk}/")
        expect(alice.get_by_text("It is outside Carol Contractor's working hours")).to_be_visible()
        alice.get_by_role("textbox", name="Message").fill("The florist delivers at 7:30, so the flowers will be fresh.")
        alice.get_by_role("button", name="Send message").click()
        # Six hours, less the minutes a slow machine takes to load the page and post.
        arrival = re.compile(r"reaches Carol at 09:00 their time \(in (6 h|5 h \d+ min)\)")
        expect(alice.locator("#thread .flash")).to_contain_text(arrival)
        expect(alice.locator("#thread .held")).to_contain_text(arrival)
        assert Message.objects.get().deliver_at == datetime.combine(tuesday + timedelta(days=1), time(9), tzinfo=TOKYO)
        carols.goto(f"{base}/portal/tasks/{task.pk}/")
        expect(carols.get_by_text("No messages yet.")).to_be_visible()

    # Wednesday, 10:00 in Tokyo: the message is there; Carol checks in "at risk".
    with time_machine.travel(datetime.combine(tuesday + timedelta(days=1), time(10, 0), tzinfo=TOKYO), tick=True):
        carols.goto(f"{base}/portal/tasks/{task.pk}/")
        expect(carols.get_by_text("The florist delivers at 7:30")).to_be_visible()
        carols.get_by_label("Status").select_option(label="At risk")
        carols.get_by_label("% done").fill("20")
        carols.get_by_label("Note").fill("The window glass is being replaced on Thursday.")
        carols.get_by_role("button", name="Post the check-in").click()
        expect(carols.locator("#checkins")).to_contain_text("At risk")
        assert CheckIn.objects.get().status == "at_risk"

        alice.goto(f"{base}/o/crumb/")
        section = alice.get_by_role("region", name="Check-ins: at risk or blocked")
        expect(section).to_contain_text("Window display photos · Carol Contractor")
        expect(section).to_contain_text("at risk, 20 % done")
        expect(section).to_contain_text("The window glass is being replaced on Thursday.")
