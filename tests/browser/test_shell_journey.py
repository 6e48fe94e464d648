"""The page shell on a desktop in Chromium: the workspace switcher closes on Escape and on a click
outside it, titles name the business, and a foreign object's 404 page stays inside the layout with
the business menu and a way back (the live server runs with DEBUG off, like production)."""

import re

import pytest
from playwright.sync_api import expect

from outsourcer.testing.browser import log_in
from outsourcer.testing.builders import make_budget

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_switcher_closes_on_escape_and_on_a_click_outside(live_server, page, personas):
    page.set_default_timeout(15_000)
    log_in(page, live_server.url, personas.alice.email)
    page.goto(f"{live_server.url}/o/{personas.org.slug}/budgets/")
    nav = page.get_by_role("navigation", name="Main")
    switcher = page.get_by_label("Switch workspace")
    your_account = page.get_by_role("link", name="Your account")

    # On a desktop the menu is laid out in full: no "Menu" to open first.
    expect(nav.locator("summary", has_text="Menu")).to_be_hidden()
    expect(nav.get_by_role("link", name="Contracts", exact=True)).to_be_visible()

    switcher.click()
    expect(your_account).to_be_visible()
    page.keyboard.press("Escape")
    expect(your_account).to_be_hidden()
    expect(switcher).to_be_focused()

    # A click anywhere else (Pico lays a transparent layer over the page while it is open).
    switcher.click()
    expect(your_account).to_be_visible()
    box = page.get_by_role("heading", name="Budgets").bounding_box()
    page.mouse.click(box["x"] + 5, box["y"] + 5)
    expect(your_account).to_be_hidden()

    # Opened from the keyboard, it still works as a menu.
    switcher.focus()
    page.keyboard.press("Enter")
    your_account.click()
    expect(page).to_have_title("Your account · Crumb & Co. · Outsourcer")


def test_titles_name_the_business_and_a_foreign_404_keeps_the_layout(live_server, page, personas):
    page.set_default_timeout(15_000)
    oscars_budget = make_budget(personas, organization=personas.other_org, name="Oscar's ads")
    base = live_server.url

    log_in(page, base, personas.alice.email)
    page.goto(f"{base}/o/{personas.org.slug}/contracts/")
    expect(page).to_have_title("Contracts · Crumb & Co. · Outsourcer")

    # A link to another business's budget, pasted from somewhere: not found, inside the layout.
    response = page.goto(f"{base}/o/{personas.org.slug}/budgets/{oscars_budget.pk}/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    expect(page).to_have_title("Page not found · Crumb & Co. · Outsourcer")
    expect(page.get_by_text("Oscar")).to_have_count(0)
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Budgets", exact=True)).to_be_visible()

    page.get_by_role("link", name="Back to Crumb & Co.").click()
    expect(page).to_have_url(re.compile(rf"/o/{personas.org.slug}/$"))
    expect(page).to_have_title("Home · Crumb & Co. · Outsourcer")

    # Notifications, outside any business, keep Crumb & Co.'s menu and name.
    nav.get_by_role("link", name="Notifications").click()
    expect(page).to_have_title("Notifications · Crumb & Co. · Outsourcer")
    nav.get_by_role("link", name="Budgets", exact=True).click()
    expect(page).to_have_title("Budgets · Crumb & Co. · Outsourcer")
