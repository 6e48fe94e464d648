"""Shared steps of the Playwright journeys (tests/browser/, the apps' test_journey_*.py)."""

from playwright.sync_api import Page

from outsourcer.testing.factories import PASSWORD

# An everyday phone held upright (CSS pixels), the width the layout must fit without sideways scrolling.
PHONE = {"width": 390, "height": 844}


def log_in(page: Page, base: str, email: str, password: str = PASSWORD) -> None:
    """Sign in through the login form, as a person would, and wait for the page it leads to."""
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def page_width(page: Page) -> int:
    """How wide the page's content is: more than the viewport means it scrolls sideways."""
    return page.evaluate("document.scrollingElement.scrollWidth")
