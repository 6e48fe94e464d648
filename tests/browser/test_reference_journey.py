"""The reference journey in Chromium: a manager asks a referee about a prospect from the vetting
page, the referee answers through the e-mailed link without an account, the link then says it
was used, and the manager reads the answers."""

import re
from urllib.parse import urlparse

import pytest
from django.core import mail
from playwright.sync_api import expect

from outsourcer.testing.browser import PHONE, log_in, page_width
from outsourcer.testing.hiring import second_bidder
from outsourcer.testing.references import insert_evidence, insert_reference, referee_with_token

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_referee_answers_once_through_the_emailed_link(live_server, page, browser, personas):
    base = live_server.url
    page.set_default_timeout(15_000)
    erin = second_bidder(personas)

    log_in(page, base, personas.bob.email)
    page.goto(f"{base}/o/{personas.org.slug}/contractors/{erin.pk}/")
    page.get_by_role("link", name="Vetting: references and company checks").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vetting Erin Bidder")
    page.get_by_label("Referee's name").fill("Pat Referee")
    page.get_by_label("Referee's e-mail").fill("pat@referee.example")
    page.get_by_label("Relationship").fill("Client for two years")
    page.get_by_role("button", name="Send the questionnaire").click()
    expect(page.get_by_text("Pat Referee has been asked for a reference by e-mail.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vetting")  # the prospect is now in vetting

    link = re.search(r"https?://\S+/h/references/\S+/", mail.outbox[-1].body).group(0)
    referee = browser.new_context().new_page()
    referee.goto(base + urlparse(link).path)
    expect(referee.get_by_role("heading", level=1)).to_have_text("Crumb & Co. asks about Erin Bidder")
    expect(referee.get_by_role("link")).to_have_count(0)  # nothing to follow into the app
    referee.get_by_label("How many months did you work together?").fill("24")
    referee.get_by_label("Reliability: did they do what they said, when they said?").select_option("5")
    referee.get_by_label("Quality of their work").select_option("4")
    referee.get_by_label("Communication").select_option("4")
    referee.get_by_label("Yes").check()
    referee.get_by_label("Comments").fill("Calm under deadlines.")
    referee.get_by_role("button", name="Send my answers").click()
    expect(referee.get_by_role("heading", level=1)).to_have_text("Thank you")
    referee.goto(base + urlparse(link).path)
    expect(referee.get_by_role("heading", level=1)).to_have_text("Already answered — thank you")

    page.reload()
    expect(page.get_by_text("Calm under deadlines.")).to_be_visible()
    expect(page.get_by_text("Received", exact=True)).to_be_visible()


def test_the_vetting_page_and_the_questionnaire_fit_a_phone(live_server, browser, personas):
    base = live_server.url
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    insert_reference(personas.carol_engagement, status="received", requested_by=personas.bob,
                     comments="A long comment about the work " * 20)  # fmt: skip
    insert_evidence(personas.carol_engagement)
    _, token = referee_with_token(personas)

    page.goto(f"{base}/h/references/{token}/")
    expect(page.get_by_role("button", name="Send my answers")).to_be_visible()
    assert page_width(page) <= PHONE["width"]
    log_in(page, base, personas.bob.email)
    page.goto(f"{base}/o/{personas.org.slug}/hiring/contractors/{personas.carol_engagement.pk}/vetting/")
    expect(page.get_by_role("heading", name="Company checks")).to_be_visible()
    assert page_width(page) <= PHONE["width"], "the vetting page scrolls sideways"
    context.close()
