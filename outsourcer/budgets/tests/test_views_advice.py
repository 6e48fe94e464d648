import pytest

from outsourcer.testing.builders import make_budget
from outsourcer.testing.fixtures import text

pytestmark = pytest.mark.django_db

ASK = {"low_hours": "10", "high_hours": "20", "weeks": "2"}


@pytest.fixture
def budget(personas, frozen):
    return make_budget(personas, amount_cents=100_000)


def _ask(personas, **extra):
    return {**ASK, "contractor": personas.carol_contractor.pk, **extra}


def test_it_answers_in_place_for_htmx(login_as, personas, org_url, budget):
    response = login_as(personas.vera).post(
        org_url("budgets:advice", budget_id=budget.pk), _ask(personas), headers={"HX-Request": "true"}
    )

    body = text(response)
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="advice">')
    # Carol: €60/h. Hourly 10–20 h = €600–€1,200 (expected €900); fixed = €1,200 + 15 %.
    assert "€900.00" in body and "€600.00 – €1,200.00" in body and "€1,380.00" in body
    assert "90 %" in body  # €900 of the €1,000 remaining
    assert "cheapest" in body


def test_it_renders_the_whole_page_without_javascript(login_as, personas, org_url, budget):
    response = login_as(personas.alice).post(org_url("budgets:advice", budget_id=budget.pk), _ask(personas))
    body = text(response)
    assert response.status_code == 200
    assert "<html" in body and "Fixed price" in body and "€1,380.00" in body


def test_bad_input_is_explained_next_to_the_field_and_kept(login_as, personas, org_url, budget):
    response = login_as(personas.alice).post(
        org_url("budgets:advice", budget_id=budget.pk), _ask(personas, low_hours="30", high_hours="20"),
        headers={"HX-Request": "true"},
    )  # fmt: skip
    body = text(response)
    assert response.status_code == 200  # htmx swaps only successful answers; the form shows the error
    assert "The high end is at least the low end." in body
    assert 'value="30"' in body


def test_without_javascript_bad_input_is_a_400(login_as, personas, org_url, budget):
    response = login_as(personas.alice).post(org_url("budgets:advice", budget_id=budget.pk), {"low_hours": "x"})
    assert response.status_code == 400
    assert "Enter a number." in text(response)


def test_another_organizations_contractor_is_not_a_choice(login_as, personas, org_url, budget):
    response = login_as(personas.alice).post(
        org_url("budgets:advice", budget_id=budget.pk), _ask(personas, contractor=personas.dan_contractor.pk)
    )
    assert response.status_code == 400
    assert "Select a valid choice" in text(response)


def test_another_organizations_budget_is_404(login_as, personas, org_url, frozen):
    foreign = make_budget(personas, organization=personas.other_org, actor=personas.oscar, name="Oscar's ads")
    response = login_as(personas.alice).post(org_url("budgets:advice", budget_id=foreign.pk), _ask(personas))
    assert response.status_code == 404


def test_a_contractor_gets_404(login_as, personas, org_url, budget):
    response = login_as(personas.carol).post(org_url("budgets:advice", budget_id=budget.pk), _ask(personas))
    assert response.status_code == 404


def test_it_refuses_put(login_as, personas, org_url, budget):
    assert login_as(personas.alice).put(org_url("budgets:advice", budget_id=budget.pk)).status_code == 405


def test_a_contractor_paid_in_another_currency_needs_a_rate_next_to_the_rate_field(login_as, personas, org_url, budget):
    personas.carol_contractor.currency = "USD"
    personas.carol_contractor.save()
    url = org_url("budgets:advice", budget_id=budget.pk)
    client = login_as(personas.alice)

    body = text(client.post(url, _ask(personas), headers={"HX-Request": "true"}))
    wrapper = body[body.index('for="advice_exchange_rate"') :]
    assert "rates are in USD" in wrapper[: wrapper.index("</div>")]

    body = text(client.post(url, _ask(personas, exchange_rate="0.5"), headers={"HX-Request": "true"}))
    assert "€450.00" in body  # $60/h at 0.5 → €30/h; 10–20 h → expected €450


def test_the_budget_page_links_to_the_advisor_instead_of_rendering_it(login_as, personas, org_url, budget):
    body = text(login_as(personas.vera).get(org_url("budgets:detail", budget_id=budget.pk)))

    assert "Compare rate models" in body
    assert 'name="low_hours"' not in body


def test_opening_the_advisor_renders_its_form_in_place(login_as, personas, org_url, budget):
    client = login_as(personas.vera)
    url = org_url("budgets:advice", budget_id=budget.pk)

    opened = client.get(url, headers={"HX-Request": "true"})
    page = client.get(url)  # without JavaScript: the budget page with the form open

    assert opened.status_code == page.status_code == 200
    assert text(opened).lstrip().startswith('<div id="advice">') and 'name="low_hours"' in text(opened)
    assert "Carol Contractor" in text(opened) and "This field is required" not in text(opened)
    assert "<html" in text(page) and 'name="low_hours"' in text(page)
