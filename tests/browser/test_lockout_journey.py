"""The lockout message in Chromium: after five wrong passwords the sixth attempt is refused,
even with the right password, and the message says what to do."""

import pytest
from playwright.sync_api import expect

from outsourcer.testing.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_repeated_wrong_passwords_show_the_lockout_message(live_server, page):
    user = UserFactory(email="alice@crumb.example")
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/accounts/login/")

    for _ in range(5):
        page.get_by_label("E-mail").fill(user.email)
        page.get_by_label("Password").fill("not my password")
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("alert")).to_contain_text("do not match")

    page.get_by_label("E-mail").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(page.get_by_role("alert")).to_contain_text("Too many failed attempts")
    expect(page.get_by_role("alert")).to_contain_text("try again in 15 minutes")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/")
