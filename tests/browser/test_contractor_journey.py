"""The contractor journey in Chromium: an owner signs up, adds and invites a contractor, the contractor
creates an account and declares hours and capacity, the owner sees it, a viewer can only read."""

import re
from urllib.parse import urlparse

import pytest
from django.core import mail
from playwright.sync_api import expect

from outsourcer.accounts.models import Organization
from outsourcer.accounts.roles import Role
from outsourcer.contractors.models import Engagement
from outsourcer.testing.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_owner_invites_a_contractor_who_sets_hours_and_capacity(live_server, page, browser):
    base = live_server.url
    page.set_default_timeout(15_000)

    # Alice signs up: her business is created with her as its owner.
    page.goto(f"{base}/accounts/signup/")
    page.get_by_label("Your name").fill("Alice Owner")
    page.get_by_label("E-mail").fill("alice@crumb.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Your business").fill("Crumb & Co.")
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")
    confirm = re.search(r"https?://\S+/accounts/signup/confirm/\S+/", mail.outbox[-1].body).group(0)
    page.goto(base + urlparse(confirm).path)
    page.get_by_role("button", name="Confirm and log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Crumb & Co.")
    org = Organization.objects.get(memberships__user__email="alice@crumb.example")
    vera = UserFactory(email="vera@crumb.example", name="Vera Viewer")
    MembershipFactory(organization=org, user=vera, role=Role.VIEWER)
    directory = f"{base}/o/{org.slug}/contractors/"

    # She adds Nadia with her e-mail and invites her.
    page.goto(directory)
    expect(page.get_by_text("No contractors yet")).to_be_visible()
    page.get_by_role("button", name="Add a contractor").first.click()
    page.get_by_label("Name").fill("Nadia Okafor")
    page.get_by_label("E-mail").fill("nadia@studio.example")
    page.get_by_label("Time zone").fill("Africa/Lagos")
    page.get_by_label("Weekly capacity for you (hours)").fill("5")
    page.get_by_role("button", name="Add contractor").click()
    expect(page.get_by_role("heading", name=re.compile("Nadia Okafor"))).to_be_visible()
    page.get_by_role("button", name="Invite").click()
    expect(page.get_by_text("Invitation sent to nadia@studio.example.")).to_be_visible()

    # The invitation link (its path: SITE_URL is not the live server's address).
    link = re.search(r"https?://\S+/accounts/invitations/\S+/", mail.outbox[-1].body).group(0)
    contractor_page = browser.new_context().new_page()
    contractor_page.set_default_timeout(15_000)
    contractor_page.goto(base + urlparse(link).path)
    contractor_page.get_by_label("Your name").fill("Nadia Okafor")
    contractor_page.get_by_label("Password").fill("sunlit-bakery-photos-42")
    contractor_page.get_by_role("button", name="Create account and accept").click()
    expect(contractor_page).to_have_url(f"{base}/portal/profile/")

    # She works Saturdays too, declares 30 h in total and gives Crumb 12 h of them.
    contractor_page.get_by_label("Saturday from").fill("10:00")
    contractor_page.get_by_label("Saturday until").fill("14:00")
    contractor_page.get_by_label("Total weekly capacity (hours)").fill("30")
    contractor_page.get_by_role("button", name="Save profile").click()
    expect(contractor_page.get_by_text("Your profile is saved.")).to_be_visible()
    # More than her total is refused next to the field, with the numbers.
    capacity = contractor_page.get_by_label("Capacity for Crumb & Co. (hours a week)")
    capacity.fill("31")
    contractor_page.get_by_role("button", name="Save hours").click()
    expect(contractor_page.locator("#capacity")).to_contain_text(
        "At most 30 h a week for Crumb & Co.: your total is 30 h a week and you give 0 h to your other clients."
    )
    expect(capacity).to_have_value("31")
    capacity.fill("12")
    contractor_page.get_by_role("button", name="Save hours").click()
    expect(contractor_page.get_by_text("Crumb & Co. can now plan with 12 h a week.")).to_be_visible()
    expect(contractor_page.locator("#capacity")).to_contain_text("Left across all your clients: 18 h/week")
    contractor_page.context.close()

    # The owner reloads the directory: Nadia has an account and gives 12 h a week.
    page.goto(directory)
    row = page.get_by_role("row", name=re.compile("Nadia Okafor"))
    expect(row).to_contain_text("Has account")
    expect(row).to_contain_text("12 h/week")
    row.get_by_role("link", name="Nadia Okafor").click()
    figures = page.locator("dl.figures")
    expect(figures).to_contain_text("Capacity for you12 h/week")
    expect(figures).to_contain_text("Left across all their clients18 h/week")
    page.go_back()

    # The viewer reads the directory and the detail page, without any button that changes things.
    viewer = browser.new_context().new_page()
    viewer.set_default_timeout(15_000)
    _log_in(viewer, base, vera.email)
    viewer.goto(directory)
    expect(viewer.get_by_role("button", name="Add a contractor")).to_have_count(0)
    viewer.get_by_role("link", name="Nadia Okafor").click()
    expect(viewer.get_by_role("heading", name=re.compile("Nadia Okafor"))).to_be_visible()
    for name in ("Edit", "Invite", "Move to paused", "Move to ended"):
        expect(viewer.get_by_role("button", name=name)).to_have_count(0)

    engagement = Engagement.objects.get(contractor__email="nadia@studio.example")
    csrf = next(c["value"] for c in viewer.context.cookies() if c["name"] == "csrftoken")
    response = viewer.request.post(
        f"{directory}{engagement.pk}/edit/", form={"capacity_hours": "1", "notes": "viewer was here"},
        headers={"X-CSRFToken": csrf, "Referer": directory},
    )  # fmt: skip
    # Refused for the role (the styled 403 page says so), not for a missing CSRF token.
    assert response.status == 403
    assert "Your role does not allow this" in response.text()
    assert "CSRF verification failed" not in response.text()
    engagement.refresh_from_db()
    assert (engagement.weekly_capacity_minutes, engagement.notes) == (12 * 60, "")
    viewer.context.close()
