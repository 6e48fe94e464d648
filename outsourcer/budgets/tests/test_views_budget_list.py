from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outsourcer.budgets.models import Budget
from outsourcer.budgets.services import expense_record
from outsourcer.testing.builders import make_budget
from outsourcer.testing.fixtures import text

pytestmark = pytest.mark.django_db


def test_it_shows_every_budget_with_its_figures_and_status(login_as, personas, org_url, frozen):
    budget = make_budget(personas, name="Social media", amount_cents=100_000)
    make_budget(personas, name="Bookkeeping", amount_cents=50_000)
    expense_record(budget=budget, actor=personas.alice, amount_cents=85_000, occurred_on=date(2025, 3, 3),
                   description="Ads")  # fmt: skip

    response = login_as(personas.vera).get(org_url("budgets:list"))

    body = text(response)
    assert response.status_code == 200
    assert "Social media" in body and "Bookkeeping" in body
    assert "€1,000.00" in body and "€850.00" in body and "€150.00" in body
    assert "85 %" in body
    assert "status-warn" in body and "status-ok" in body
    # €850 spent in the last 30 days: the €150 left lasts ⌈150 × 30 / 850⌉ = 6 more days.
    assert "23 Mar 2025" in body
    assert "Lasts the period" in body  # Bookkeeping, with nothing spent
    assert "Create your first budget" not in body


def test_it_invites_an_owner_to_create_the_first_budget(login_as, personas, org_url):
    body = text(login_as(personas.alice).get(org_url("budgets:list")))
    assert "Create your first budget" in body


@pytest.mark.parametrize("persona", ["bob", "vera"])
def test_managers_and_viewers_read_but_are_not_offered_to_create(login_as, personas, org_url, persona):
    response = login_as(getattr(personas, persona)).get(org_url("budgets:list"))
    assert response.status_code == 200
    assert "Create your first budget" not in text(response)
    assert "When an owner sets up a budget" in text(response)


@pytest.mark.parametrize("persona", ["carol", "dan", "oscar"])
def test_contractors_and_outsiders_get_404(login_as, personas, org_url, persona):
    assert login_as(getattr(personas, persona)).get(org_url("budgets:list")).status_code == 404


def _bulk_budgets(organization, n: int, start: int = 0) -> None:
    Budget.objects.bulk_create(
        Budget(
            organization=organization,
            name=f"Area {start + i:04d}",
            period="monthly",
            starts_on=date(2025, 1, 1),
            amount_cents=10_000 + i,
            currency="EUR",
        )  # fmt: skip
        for i in range(n)
    )


def test_its_query_count_is_the_same_for_10_and_1000_budgets(login_as, personas, org_url, frozen):
    client = login_as(personas.alice)
    _bulk_budgets(personas.org, 10)
    client.get(org_url("budgets:list"))  # the first visit stores the current organization in the session
    with CaptureQueriesContext(connection) as ten:
        response = client.get(org_url("budgets:list"))
    assert text(response).count("Area 0") == 10

    _bulk_budgets(personas.org, 990, start=10)
    with CaptureQueriesContext(connection) as thousand:
        response = client.get(org_url("budgets:list"))
    assert text(response).count('href="/o/crumb/budgets/') >= 1000
    assert len(thousand) == len(ten)


def test_it_escapes_budget_names_and_links_each_row_to_its_budget(login_as, personas, org_url, frozen):
    # The rows are built in Python (views._overview_rows), not by the template engine.
    budget = make_budget(personas, name='<script>alert("x")</script> & Co', amount_cents=100_000)

    html = login_as(personas.alice).get(org_url("budgets:list")).content.decode()

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in html
    assert f'href="{reverse("budgets:detail", args=[personas.org.slug, budget.pk])}"' in html
    assert "1 Mar – 31 Mar 2025" in html and "Monthly" in html and "On track" in html
    assert 'aria-label="0 % used"' in html and 'class="bar-fill bar-ok"' in html
