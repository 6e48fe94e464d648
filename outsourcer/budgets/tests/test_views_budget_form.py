from datetime import date

import pytest

from outsourcer.audit.models import Event
from outsourcer.budgets.models import Budget
from outsourcer.testing.builders import make_budget
from outsourcer.testing.fixtures import text

pytestmark = pytest.mark.django_db

FORM = {"name": "Social media", "period": "monthly", "amount": "1,200.50", "currency": "EUR",
        "starts_on": "2025-03-01", "ends_on": "", "thresholds": "50, 80, 100"}  # fmt: skip


def test_it_creates_a_budget_from_typed_money(login_as, personas, org_url):
    response = login_as(personas.alice).post(org_url("budgets:create"), FORM)

    budget = Budget.objects.get(organization=personas.org)
    assert response.status_code == 302
    assert response.url == org_url("budgets:detail", budget_id=budget.pk)
    assert (budget.amount_cents, budget.currency, budget.thresholds) == (120_050, "EUR", [50, 80, 100])
    assert Event.objects.filter(action="budget_created", object_id=str(budget.pk), actor=personas.alice).exists()


def test_it_offers_the_organizations_currency_and_default_thresholds(login_as, personas, org_url):
    body = text(login_as(personas.alice).get(org_url("budgets:create")))
    assert 'value="50, 80, 100"' in body
    assert 'value="EUR — euro"' in body


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"amount": "12,00.5.0"}, "amount", "Enter an amount such as 1200"),
        ({"amount": "-5"}, "amount", "Enter an amount above zero"),
        ({"thresholds": "50, lots"}, "thresholds", "Whole percentages separated by commas"),
        ({"thresholds": "80, 50"}, "thresholds", "ascending order"),
        ({"period": "one_off"}, "ends_on", "A one-off budget needs an end date"),
        ({"name": ""}, "name", "This field is required"),
    ],
)
def test_it_explains_bad_input_next_to_the_field_and_keeps_it(login_as, personas, org_url, change, field, message):
    data = {**FORM, **change}
    response = login_as(personas.alice).post(org_url("budgets:create"), data)

    body = text(response)
    assert response.status_code == 400
    assert message in body
    # The message sits inside the field's own wrapper, right after its input.
    wrapper = body[body.index(f'for="id_{field}"') :]
    assert message in wrapper[: wrapper.index("</div>")] or field == "period"
    assert f'value="{data["name"]}"' in body or not data["name"]
    assert Budget.objects.count() == 0


def test_a_duplicate_name_is_reported_next_to_the_name(login_as, personas, org_url):
    make_budget(personas, name="Social media")
    response = login_as(personas.alice).post(org_url("budgets:create"), {**FORM, "name": "social MEDIA"})
    assert response.status_code == 400
    assert "Another budget already has this name." in text(response)


@pytest.mark.parametrize("persona", ["bob", "vera"])
def test_only_owners_create_budgets(login_as, personas, org_url, persona):
    client = login_as(getattr(personas, persona))
    assert client.get(org_url("budgets:create")).status_code == 403
    assert client.post(org_url("budgets:create"), FORM).status_code == 403
    assert Budget.objects.count() == 0


def test_a_contractor_gets_404(login_as, personas, org_url):
    assert login_as(personas.carol).post(org_url("budgets:create"), FORM).status_code == 404


def test_it_edits_a_budget(login_as, personas, org_url):
    budget = make_budget(personas, name="Social media", amount_cents=100_000)
    url = org_url("budgets:edit", budget_id=budget.pk)
    client = login_as(personas.alice)

    assert 'value="1000.00"' in text(client.get(url))
    response = client.post(url, {**FORM, "starts_on": "2025-01-01", "amount": "1500", "thresholds": "75, 100"})

    budget.refresh_from_db()
    assert response.status_code == 302
    assert (budget.amount_cents, budget.thresholds) == (150_000, [75, 100])


def test_editing_a_used_budget_keeps_its_currency(login_as, personas, org_url, frozen):
    from outsourcer.budgets.services import expense_record

    budget = make_budget(personas)
    expense_record(budget=budget, actor=personas.alice, amount_cents=100, occurred_on=date(2025, 3, 3), description="x")
    response = login_as(personas.alice).post(
        org_url("budgets:edit", budget_id=budget.pk), {**FORM, "starts_on": "2025-01-01", "currency": "USD"}
    )
    assert response.status_code == 400
    assert "The currency is fixed once the budget has contracts or spend." in text(response)


def test_another_organizations_budget_is_404(login_as, personas, org_url):
    foreign = make_budget(personas, organization=personas.other_org, actor=personas.oscar, name="Oscar's ads")
    url = org_url("budgets:edit", budget_id=foreign.pk)
    assert login_as(personas.alice).post(url, FORM).status_code == 404
    foreign.refresh_from_db()
    assert foreign.name == "Oscar's ads"
