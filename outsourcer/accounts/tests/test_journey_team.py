"""Browser journeys: an owner builds a team, a member joins from the e-mail, the owner audits it."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from outsourcer.testing.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _link_in_last_mail(live_server) -> str:
    return re.search(r"https?://\S+?(/accounts/\S+)", mail.outbox[-1].body).group(1)


def _log_in(page: Page, live_server, email: str, password: str = PASSWORD) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def test_an_owner_signs_up_invites_a_manager_and_sees_it_in_the_activity(page: Page, live_server, browser):
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Your name").fill("Nina Baker")
    page.get_by_label("E-mail").fill("nina@bakery.example")
    page.get_by_label("Password").fill("flour and water 42")
    page.get_by_label("Your business").fill("Nina's Bakery")
    page.get_by_role("button", name="Create my account").click()
    # She confirms her address from the e-mail (sign-up never says whether an address had an account).
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")
    page.goto(live_server.url + _link_in_last_mail(live_server))
    page.get_by_role("button", name="Confirm and log in").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Nina's Bakery")
    expect(page.get_by_role("button", name="Add your first contractor")).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Members").click()
    page.get_by_label("E-mail").fill("Nina@Bakery.example")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.locator(".field-error")).to_contain_text("This person is already a member.")
    expect(page.get_by_label("E-mail")).to_have_value("Nina@Bakery.example")

    page.get_by_label("E-mail").fill("max@bakery.example")
    page.get_by_label("Role", exact=True).select_option("manager")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text("Invitation sent to max@bakery.example")).to_be_visible()
    expect(page.get_by_role("cell", name="max@bakery.example")).to_be_visible()

    invitation_path = _link_in_last_mail(live_server)
    max_page = browser.new_context().new_page()
    max_page.goto(live_server.url + invitation_path)
    expect(max_page.get_by_role("heading", level=1)).to_have_text("Join Nina's Bakery")
    max_page.get_by_label("Your name").fill("Max Miller")
    max_page.get_by_label("Password").fill("proofing basket 77")
    max_page.get_by_role("button", name="Create account and accept").click()
    expect(max_page.get_by_text("Welcome to Nina's Bakery.")).to_be_visible()
    expect(max_page.locator(".role-badge")).to_have_text("Manager")

    page.reload()
    page.get_by_label("Role of Max Miller").select_option("viewer")
    page.locator("tr", has_text="max@bakery.example").get_by_role("button", name="Change").click()
    expect(page.get_by_text("Max Miller is now viewer.")).to_be_visible()

    page.get_by_label("Role of Nina Baker").select_option("manager")
    page.locator("tr", has_text="nina@bakery.example").get_by_role("button", name="Change").click()
    expect(page.locator("tr", has_text="nina@bakery.example")).to_contain_text(
        "An organization must keep at least one owner."
    )

    max_page.goto(f"{live_server.url}/o/ninas-bakery/members/")
    expect(max_page.get_by_role("button", name="Send invitation")).to_have_count(0)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Activity").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Activity")
    role_change = page.locator("tr", has_text="changed the role of Max Miller")
    expect(role_change).to_contain_text("from manager to viewer")
    expect(page.locator("tbody tr")).to_have_count(4)  # created, invited, joined, role changed

    page.get_by_label("Who").select_option(label="Max Miller")  # htmx swaps the results in place
    expect(page.locator("tbody tr")).to_have_count(1)
    expect(page.locator("tbody tr")).to_contain_text("joined as a manager")
    assert "actor=" in page.url

    page.get_by_role("link", name="history").first.click()
    expect(page.get_by_text("The history of one membership")).to_be_visible()


def test_a_contractor_resets_a_forgotten_password(page: Page, live_server, personas):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("Email").fill("carol@studio.example")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()

    page.goto(live_server.url + _link_in_last_mail(live_server))
    page.locator("[name=new_password1]").fill("a brand new passphrase")
    page.locator("[name=new_password2]").fill("a brand new passphrase")
    page.get_by_role("button", name="Set my password").click()
    expect(page.get_by_role("heading", name="Your password is set")).to_be_visible()

    _log_in(page, live_server, "carol@studio.example", "a brand new passphrase")
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def test_a_viewer_leaves_the_organization(page: Page, live_server, personas):
    _log_in(page, live_server, "vera@crumb.example")
    page.goto(f"{live_server.url}/o/crumb/members/")
    page.get_by_role("button", name="Leave Crumb & Co.").click()
    # Asked in the page, not in a browser dialog.
    expect(page.get_by_text("You lose access to Crumb & Co. at once.")).to_be_visible()
    page.get_by_role("button", name="Yes, leave now").click()

    expect(page.get_by_text("You left Crumb & Co.")).to_be_visible()
    page.goto(f"{live_server.url}/o/crumb/")
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Crumb & Co.")
