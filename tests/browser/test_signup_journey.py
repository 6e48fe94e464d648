"""Sign-up in Chromium: the currency and time zone are guessed from the browser and shown, every
problem is told at once next to its field, and the business starts in what was guessed."""

import re
from urllib.parse import urlparse

import pytest
from django.core import mail
from playwright.sync_api import expect

from outsourcer.accounts.models import Organization, User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def lisbon_page(browser):
    # A browser set up in Portugal: Portuguese language, Lisbon time.
    context = browser.new_context(locale="pt-PT", timezone_id="Europe/Lisbon")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_sign_up_with_a_guessed_zone_and_currency_and_every_problem_at_once(live_server, lisbon_page):
    page, base = lisbon_page, live_server.url
    page.goto(f"{base}/accounts/signup/")

    zone, currency = page.get_by_label("Time zone"), page.get_by_label("Currency")
    expect(zone).to_have_value(re.compile(r"^Europe/Lisbon — Lisbon, Portugal \(UTC\+[01]\)$"))
    expect(page.get_by_text("We guessed Europe/Lisbon from your browser.")).to_be_visible()
    expect(currency).to_have_value("EUR — euro")
    expect(page.get_by_text("We guessed EUR — euro from your browser's language (pt-PT).")).to_be_visible()

    # Four mistakes in one go: all four are told at once, and what was typed stays.
    page.get_by_label("E-mail").fill("nina@")
    page.get_by_label("Password").fill("password123")
    page.get_by_role("button", name="Create my account").click()
    errors = page.locator(".field-error")
    expect(errors).to_have_count(4)
    expect(errors.filter(has=page.get_by_label("Your name"))).to_contain_text("This field is required.")
    expect(errors.filter(has=page.get_by_label("E-mail"))).to_contain_text("Enter a valid email address.")
    expect(errors.filter(has=page.get_by_label("Password"))).to_contain_text("too common")
    expect(errors.filter(has=page.get_by_label("Your business"))).to_contain_text("This field is required.")
    expect(page.get_by_label("E-mail")).to_have_value("nina@")
    expect(zone).to_have_value(re.compile(r"^Europe/Lisbon — "))
    expect(currency).to_have_value("EUR — euro")

    # A zone typed by hand that is not one is refused next to the field, as typed.
    page.get_by_label("Your name").fill("Nina Baker")
    page.get_by_label("E-mail").fill("nina@bakery.example")
    page.get_by_label("Password").fill("flour and water 42")
    page.get_by_label("Your business").fill("Nina's Bakery")
    zone.fill("Factory")
    page.get_by_role("button", name="Create my account").click()
    expect(page.locator(".field-error")).to_have_count(1)
    expect(zone).to_have_value("Factory")
    expect(page.locator(".field-error")).to_contain_text("Choose a time zone such as Europe/Berlin")

    # A city is enough: Lisbon reads as Europe/Lisbon.
    zone.fill("Lisbon")
    page.get_by_label("Password").fill("flour and water 42")
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")
    confirm = re.search(r"https?://\S+/accounts/signup/confirm/\S+/", mail.outbox[-1].body).group(0)
    page.goto(base + urlparse(confirm).path)
    page.get_by_role("button", name="Confirm and log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nina's Bakery")

    organization = Organization.objects.get(name="Nina's Bakery")
    assert (organization.currency, organization.time_zone) == ("EUR", "Europe/Lisbon")
    assert User.objects.get(email="nina@bakery.example").time_zone == "Europe/Lisbon"
    page.goto(f"{base}/o/{organization.slug}/settings/")
    expect(page.get_by_label("Currency")).to_have_value("EUR — euro")
    expect(page.get_by_label("Time zone")).to_have_value(re.compile(r"^Europe/Lisbon — Lisbon, Portugal"))

    # Her first contractor works in Manila: the zone is asked, starting at the business's and saying so.
    page.goto(f"{base}/o/{organization.slug}/contractors/new/")
    their_zone = page.get_by_label("Their time zone")
    expect(their_zone).to_have_value(re.compile(r"^Europe/Lisbon — "))
    expect(page.get_by_text("Filled in with Nina's Bakery's zone (Europe/Lisbon)")).to_be_visible()
    page.get_by_label("Name").fill("Paolo Reyes")
    their_zone.fill("Manila")
    page.get_by_label("Weekly capacity for you (hours)").fill("10")
    page.get_by_role("button", name="Add contractor").click()
    expect(page.get_by_role("heading", name=re.compile("Paolo Reyes"))).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Time zone"))).to_contain_text("Asia/Manila")

    # As the only owner she is told she cannot leave, instead of being asked to confirm first.
    page.goto(f"{base}/o/{organization.slug}/members/")
    expect(page.get_by_text("You are the only owner of Nina's Bakery, so you cannot leave it yet")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Leave"))).to_have_count(0)
