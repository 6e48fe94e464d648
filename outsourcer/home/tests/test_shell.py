"""The page shell around every page (templates/base.html): titles that name the business, the
business menu kept on pages outside a business, and the 403 and 404 pages inside the layout."""

import re

import pytest
from django.core.signing import get_cookie_signer
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outsourcer.testing.builders import make_budget
from outsourcer.testing.fixtures import text

pytestmark = pytest.mark.django_db

NOTIFICATIONS = reverse("notifications:list")


def _title(response) -> str:
    return re.search(r"<title>(.*?)</title>", text(response), re.S).group(1).strip()


def _menu(response) -> str:
    return re.search(r'<ul class="nav-links">(.*?)</ul>', text(response), re.S).group(1)


def test_it_names_the_business_in_the_title_of_its_pages(login_as, personas, org_url):
    client = login_as(personas.alice)
    budget = make_budget(personas, name="Social media")

    assert _title(client.get(org_url("orgs:home"))) == "Home · Crumb &amp; Co. · Outsourcer"
    assert _title(client.get(org_url("budgets:list"))) == "Budgets · Crumb &amp; Co. · Outsourcer"
    detail = client.get(org_url("budgets:detail", budget_id=budget.pk))
    assert _title(detail) == "Social media · Budgets · Crumb &amp; Co. · Outsourcer"
    assert _title(client.get(org_url("orgs:members"))) == "Members · Crumb &amp; Co. · Outsourcer"


def test_it_names_the_portal_in_the_title_of_its_pages(login_as, personas):
    response = login_as(personas.carol).get(reverse("portal:time"))
    assert _title(response) == "My time · Contractor portal · Outsourcer"


def test_it_keeps_the_business_menu_on_the_notifications_page(login_as, personas, org_url):
    client = login_as(personas.alice)
    client.get(org_url("orgs:home"))

    response = client.get(NOTIFICATIONS)

    menu = _menu(response)
    assert f'href="{org_url("budgets:list")}"' in menu and f'href="{org_url("orgs:settings")}"' in menu
    assert _title(response) == "Notifications · Crumb &amp; Co. · Outsourcer"
    assert 'aria-label="Switch workspace">Crumb &amp; Co. <small class="role-badge">Owner</small>' in text(response)


def test_it_keeps_the_portal_menu_on_the_notifications_page(login_as, personas):
    client = login_as(personas.carol)
    client.get(reverse("portal:home"))

    menu = _menu(client.get(NOTIFICATIONS))

    assert f'href="{reverse("portal:time")}"' in menu


def test_it_shows_no_business_menu_before_one_is_opened_or_after_leaving_it(login_as, personas, org_url):
    client = login_as(personas.vera)
    assert _menu(client.get(NOTIFICATIONS)).strip() == ""

    # A validly signed cookie naming a business that is not hers: never a menu of a foreign business.
    client.cookies["current_org"] = get_cookie_signer(salt="current_org" + "outsourcer.current-org").sign(
        f"{personas.vera.pk}:{personas.other_org.slug}"
    )
    response = client.get(NOTIFICATIONS)
    assert _menu(response).strip() == "" and "Oscar" not in _title(response)


def test_the_kept_menu_costs_no_query(login_as, personas, org_url):
    client = login_as(personas.alice)
    client.get(NOTIFICATIONS)  # warm up: the session's first save
    with CaptureQueriesContext(connection) as without_menu:
        client.get(NOTIFICATIONS)
    client.get(org_url("orgs:home"))
    with CaptureQueriesContext(connection) as with_menu:
        response = client.get(NOTIFICATIONS)

    assert "nav-links" in text(response) and _menu(response).strip()
    assert len(with_menu) == len(without_menu)


def test_a_foreign_object_answers_404_inside_the_layout_with_a_way_back(login_as, personas, org_url):
    oscars_budget = make_budget(personas, organization=personas.other_org, name="Oscar's ads")

    response = login_as(personas.alice).get(org_url("budgets:detail", budget_id=oscars_budget.pk))

    assert response.status_code == 404
    body = text(response)
    assert "<h1>Page not found</h1>" in body and "Oscar" not in body
    assert f'href="{org_url("budgets:list")}"' in _menu(response)
    assert f'<a href="{org_url("orgs:home")}">Back to Crumb &amp; Co.</a>' in body
    assert _title(response) == "Page not found · Crumb &amp; Co. · Outsourcer"


def test_a_foreign_business_answers_404_with_the_menu_of_the_one_last_opened(login_as, personas, org_url):
    client = login_as(personas.alice)
    client.get(org_url("orgs:home"))

    response = client.get(reverse("orgs:home", args=[personas.other_org.slug]))

    assert response.status_code == 404
    assert f'href="{org_url("budgets:list")}"' in _menu(response)
    assert "Back to Crumb &amp; Co." in text(response) and "Oscar" not in text(response)


def test_a_signed_out_404_offers_the_login(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in text(response)
    assert f'<a href="{reverse("accounts:login")}">Log in</a>' in text(response)


def test_a_role_that_may_not_answers_403_inside_the_layout_naming_the_role(login_as, personas, org_url):
    client = login_as(personas.vera)
    client.get(org_url("orgs:home"))

    response = client.get(org_url("budgets:create"))

    assert response.status_code == 403
    body = text(response)
    assert "Your role does not allow this" in body and "As viewer of Crumb &amp; Co." in body
    assert f'href="{org_url("budgets:list")}"' in _menu(response)
    assert "Back to Crumb &amp; Co." in body
