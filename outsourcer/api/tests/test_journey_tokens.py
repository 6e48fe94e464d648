"""Browser journey: an owner creates an API token, copies it once, a program uses it, the owner revokes it."""

import json
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import Page, expect

from outsourcer.testing.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _api_status(live_server, raw: str, path: str) -> tuple[int, dict]:
    request = urllib.request.Request(f"{live_server.url}/api/v1{path}", headers={"Authorization": f"Bearer {raw}"})
    try:
        with urllib.request.urlopen(request) as response:  # noqa: S310 - the test server's own URL
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_an_owner_creates_uses_and_revokes_a_token(page: Page, live_server, personas):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail").fill("alice@crumb.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.get_by_label("Switch workspace").click()
    page.get_by_role("link", name="API tokens").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("API tokens")
    expect(page.get_by_text("You have no tokens yet.")).to_be_visible()

    page.get_by_label("Name").fill("Bookkeeping export")
    page.get_by_label("Works with").select_option(label="Crumb & Co. (Owner)")
    page.get_by_role("button", name="Create token").click()

    raw = page.get_by_label("Copy it now").input_value()
    assert raw.startswith("osr_")
    row = page.locator("tr", has_text="Bookkeeping export")
    expect(row).to_contain_text("Crumb & Co.")
    expect(row).to_contain_text("Never")

    status, body = _api_status(live_server, raw, "/contractors")
    assert status == 200
    assert [item["contractor"]["name"] for item in body["items"]] == ["Carol Contractor"]

    page.goto(f"{live_server.url}/accounts/tokens/")
    expect(page.get_by_label("Copy it now")).to_have_count(0)
    expect(page.locator("body")).not_to_contain_text(raw)
    row.get_by_role("button", name="Revoke").click()
    # Asked in the page, not in a browser dialog.
    expect(row).to_contain_text("Programs using “Bookkeeping export” stop working at once.")
    row.get_by_role("button", name="Revoke “Bookkeeping export”").click()
    expect(page.get_by_text("Token “Bookkeeping export” is revoked")).to_be_visible()

    status, body = _api_status(live_server, raw, "/contractors")
    assert (status, body["code"]) == (401, "not_authenticated")
