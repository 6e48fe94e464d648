"""The main pages at a phone's width (390 px) in Chromium: nothing scrolls sideways, the menu is
folded behind "Menu" and opens with a tap or the keyboard, the working hours and the burn chart
fit, and the CSV import's preview stays inside the screen."""

import pytest
from playwright.sync_api import expect

from outsourcer.testing.browser import PHONE, log_in, page_width
from outsourcer.testing.builders import make_budget
from outsourcer.testing.rows import insert_hourly_contract, insert_spend, insert_time_entry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _assert_fits_with_a_folded_menu(page, url: str, first_link: str) -> None:
    page.goto(url)
    nav = page.get_by_role("navigation", name="Main")
    link = nav.get_by_role("link", name=first_link, exact=True)
    expect(link).to_be_hidden()
    assert page_width(page) <= PHONE["width"], f"{url} scrolls sideways"

    nav.locator("summary", has_text="Menu").click()
    expect(link).to_be_visible()
    assert page_width(page) <= PHONE["width"], f"{url} scrolls sideways with the menu open"


def test_the_owners_pages_fit_a_phone_and_fold_the_menu(live_server, phone, personas):
    base, org = live_server.url, f"{live_server.url}/o/{personas.org.slug}"
    budget = make_budget(personas, name="Spring campaign with a long name for a small screen")
    contract = insert_hourly_contract(budget, personas.carol_engagement)
    insert_time_entry(contract, note="Shot the spring collection on the terrace, then retouched it")
    insert_spend(budget, amount_cents=65_000)

    log_in(phone, base, personas.alice.email)
    for path in (
        "/",
        "/budgets/",
        f"/budgets/{budget.pk}/",
        "/contracts/",
        f"/contracts/{contract.pk}/",
        "/contractors/",
        f"/contractors/{personas.carol_engagement.pk}/",
        f"/contractors/{personas.carol_engagement.pk}/edit/",
        "/contractors/import/",
        "/contracts/time/",
    ):
        _assert_fits_with_a_folded_menu(phone, f"{org}{path}", "Budgets")

    # The notifications page keeps the business menu, folded the same way.
    _assert_fits_with_a_folded_menu(phone, f"{base}/notifications/", "Budgets")

    # The burn chart on a phone is its narrow drawing, its labels at their own size.
    phone.goto(f"{org}/budgets/{budget.pk}/")
    expect(phone.locator("figure.chart svg.chart-wide")).to_be_hidden()
    narrow = phone.locator("figure.chart svg.chart-narrow")
    expect(narrow).to_be_visible()
    assert narrow.bounding_box()["width"] <= PHONE["width"]
    label_height = narrow.locator("text.axis-label").first.bounding_box()["height"]
    assert label_height >= 12, "chart labels shrank below a readable size"

    # A wide table scrolls inside its own box, and what each row is stays in view.
    phone.goto(f"{org}/contracts/")
    phone.locator(".table-wrap").first.evaluate("box => box.scrollLeft = 400")
    name = phone.get_by_role("link", name=contract.title).bounding_box()
    assert 0 <= name["x"] < PHONE["width"] / 2


def test_a_csv_preview_fits_a_phone(live_server, phone, personas):
    log_in(phone, live_server.url, personas.alice.email)
    phone.goto(f"{live_server.url}/o/{personas.org.slug}/contractors/import/")
    csv = (
        "name,email,kind,company,website,skills,time_zone,capacity_hours,rate,currency,status,notes\n"
        "Ines Photography Studio,ines.long.address@photography-studio.example,company,Ines Studio Lda,"
        'https://ines.example,"food photography, retouching",Europe/Lisbon,20,45.50,EUR,prospect,Met at the fair\n'
    )
    phone.get_by_label("CSV file").set_input_files(
        files=[{"name": "contractors.csv", "mimeType": "text/csv", "buffer": csv.encode()}]
    )
    phone.get_by_role("button", name="Upload and check").click()
    expect(phone.get_by_role("button", name="Import 1 contractor")).to_be_visible()
    expect(phone.get_by_role("cell", name="Ines Photography Studio")).to_be_attached()
    # Measured once the stylesheet has applied: a slow static file under load would leave the table unwrapped.
    phone.wait_for_load_state("load")
    assert page_width(phone) <= PHONE["width"]


def test_the_portal_fits_a_phone_and_working_hours_fold_under_each_day(live_server, phone, personas):
    budget = make_budget(personas)
    contract = insert_hourly_contract(budget, personas.carol_engagement)
    insert_time_entry(contract, note="Shot the spring collection on the terrace, then retouched it")

    log_in(phone, live_server.url, personas.carol.email)
    for path in ("/portal/", "/portal/time/", "/portal/profile/", "/notifications/"):
        _assert_fits_with_a_folded_menu(phone, f"{live_server.url}{path}", "Time")

    phone.goto(f"{live_server.url}/portal/profile/")
    for label in ("Wednesday from", "Wednesday until"):
        box = phone.get_by_label(label).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], f"{label} is off the screen"
    phone.get_by_label("Wednesday until").fill("18:30")
    phone.get_by_role("button", name="Save profile").click()
    expect(phone.get_by_label("Wednesday until")).to_have_value("18:30")


def test_the_phone_menu_opens_and_closes_from_the_keyboard(live_server, phone, personas):
    log_in(phone, live_server.url, personas.alice.email)
    phone.goto(f"{live_server.url}/o/{personas.org.slug}/budgets/")
    nav = phone.get_by_role("navigation", name="Main")
    summary = nav.locator("summary", has_text="Menu")
    contracts = nav.get_by_role("link", name="Contracts", exact=True)

    summary.focus()
    phone.keyboard.press("Enter")
    expect(contracts).to_be_visible()
    expect(nav.locator("details.nav-menu")).to_have_attribute("open", "")

    # Escape folds it again and leaves the focus on "Menu"; a tap outside does too.
    phone.keyboard.press("Escape")
    expect(contracts).to_be_hidden()
    expect(summary).to_be_focused()
    phone.keyboard.press("Space")
    expect(contracts).to_be_visible()
    phone.get_by_role("heading", name="Budgets").click()
    expect(contracts).to_be_hidden()

    # Opened again, its links lead where they say.
    summary.click()
    contracts.click()
    expect(phone).to_have_title(f"Contracts · {personas.org.name} · Outsourcer")
