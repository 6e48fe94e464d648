import pytest

from outsourcer.contractors.models import EngagementStatus
from outsourcer.contracts.models import Contract, ContractStatus
from outsourcer.testing.builders import make_budget, make_contract
from outsourcer.testing.factories import EngagementFactory
from outsourcer.testing.fixtures import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def budget(personas, frozen):
    return make_budget(personas, amount_cents=100_000)


def _hourly(personas, budget, **extra):
    return {"title": "Weekly product photos", "contractor": personas.carol_contractor.pk, "budget": budget.pk,
            "rate_model": "hourly", "starts_on": "2025-03-17", "hourly_rate": "60", "weekly_cap_hours": "7.5",
            **extra}  # fmt: skip


def _fixed(personas, budget, *rows, total="1,000.00", **extra):
    data = {"title": "Shop redesign", "contractor": personas.carol_contractor.pk, "budget": budget.pk,
            "rate_model": "fixed", "starts_on": "2025-03-17", "total": total,
            "milestones-TOTAL_FORMS": "3", "milestones-INITIAL_FORMS": "0", **extra}  # fmt: skip
    for i, (title, amount, due_on) in enumerate(rows):
        data.update(
            {f"milestones-{i}-title": title, f"milestones-{i}-amount": amount, f"milestones-{i}-due_on": due_on}
        )
    return data


def test_it_creates_a_draft_hourly_contract(login_as, personas, org_url, budget):
    response = login_as(personas.bob).post(org_url("contracts:create"), _hourly(personas, budget))

    contract = Contract.objects.get()
    assert response.status_code == 302
    assert response.url == org_url("contracts:detail", contract_id=contract.pk)
    assert (contract.status, contract.rate_model, contract.hourly_rate_cents, contract.weekly_cap_minutes) == (
        ContractStatus.DRAFT,
        "hourly",
        6000,
        450,
    )


@pytest.mark.parametrize(("typed", "cents"), [("45,50", 4550), ("45.50", 4550), ("1.250,00", 125_000)])
def test_a_rate_typed_with_a_decimal_comma_saves_what_was_meant(login_as, personas, org_url, budget, typed, cents):
    response = login_as(personas.bob).post(org_url("contracts:create"), _hourly(personas, budget, hourly_rate=typed))
    assert response.status_code == 302
    assert Contract.objects.get().hourly_rate_cents == cents


def test_it_creates_a_fixed_price_contract_with_milestones(login_as, personas, org_url, budget):
    data = _fixed(personas, budget, ("Design", "400", "2025-03-31"), ("Build", "600.00", "2025-04-30"))
    response = login_as(personas.alice).post(org_url("contracts:create"), data)

    contract = Contract.objects.get()
    assert response.status_code == 302
    assert [(m.title, m.amount_cents) for m in contract.milestones.all()] == [("Design", 40_000), ("Build", 60_000)]


def test_milestones_that_do_not_add_up_are_explained_next_to_the_total(login_as, personas, org_url, budget):
    data = _fixed(personas, budget, ("Design", "400", "2025-03-31"), ("Build", "500", "2025-04-30"))
    response = login_as(personas.alice).post(org_url("contracts:create"), data)

    body = text(response)
    assert response.status_code == 400
    total = body[body.index('for="id_total"') :]
    assert (
        "The milestones add up to €900.00, not the total of €1,000.00 (€100.00 short)."
        in total[: total.index("</div>")]
    )
    assert 'value="Design"' in body and 'value="500"' in body  # what was typed stays
    assert not Contract.objects.exists()


def test_a_milestone_without_a_due_date_is_flagged_on_its_row(login_as, personas, org_url, budget):
    data = _fixed(personas, budget, ("Design", "1000", ""))
    response = login_as(personas.alice).post(org_url("contracts:create"), data)
    assert response.status_code == 400
    assert "When is it due?" in text(response)


def test_more_milestone_rows_keep_what_was_typed(login_as, personas, org_url, budget):
    data = {**_fixed(personas, budget, ("Design", "400", "2025-03-31")), "more_milestones": "1"}
    response = login_as(personas.alice).post(org_url("contracts:create"), data)

    body = text(response)
    assert response.status_code == 200
    assert 'name="milestones-5-title"' in body
    assert 'value="Design"' in body and 'value="Shop redesign"' in body
    assert "errorlist" not in body
    assert not Contract.objects.exists()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"hourly_rate": "sixty"}, "hourly_rate", "Enter an amount such as 1200"),
        ({"weekly_cap_hours": ""}, "weekly_cap_hours", "Enter a number of hours."),
        ({"starts_on": "2024-06-01"}, "starts_on", "The contract must start while its budget runs."),
        ({"currency": "USD"}, "exchange_rate", "needs the agreed rate"),
        ({"currency": "USD", "exchange_rate": "nope"}, "exchange_rate", "Enter a rate above zero"),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_kept(login_as, personas, org_url, budget, change, field, message):
    response = login_as(personas.alice).post(org_url("contracts:create"), _hourly(personas, budget, **change))

    body = text(response)
    assert response.status_code == 400
    wrapper = body[body.index(f'for="id_{field}"') :]
    assert message in wrapper[: wrapper.index("</div>")]
    assert 'value="Weekly product photos"' in body
    assert not Contract.objects.exists()


def test_only_active_engagements_are_offered(login_as, personas, org_url, budget):
    EngagementFactory(organization=personas.org, contractor__name="Eve Active")
    personas.carol_engagement.status = EngagementStatus.PAUSED
    personas.carol_engagement.save()
    response = login_as(personas.alice).post(org_url("contracts:create"), _hourly(personas, budget))
    assert response.status_code == 400
    assert "Select a valid choice" in text(response)


def test_without_a_budget_the_page_says_what_to_do_first(login_as, personas, org_url):
    body = text(login_as(personas.alice).get(org_url("contracts:create")))
    assert "A contract draws from a budget, and there is none yet." in body
    assert "Create a budget" in body


def test_a_viewer_may_not_create_contracts(login_as, personas, org_url, budget):
    client = login_as(personas.vera)
    assert client.get(org_url("contracts:create")).status_code == 403
    assert client.post(org_url("contracts:create"), _hourly(personas, budget)).status_code == 403


def test_a_contractor_gets_404(login_as, personas, org_url, budget):
    assert login_as(personas.carol).post(org_url("contracts:create"), _hourly(personas, budget)).status_code == 404


def test_another_organizations_budget_is_not_a_choice(login_as, personas, org_url, budget):
    foreign = make_budget(personas, organization=personas.other_org, actor=personas.oscar, name="Oscar's ads")
    data = {**_hourly(personas, budget), "budget": foreign.pk}
    response = login_as(personas.alice).post(org_url("contracts:create"), data)
    assert response.status_code == 400
    assert not Contract.objects.exists()


def test_it_edits_a_draft(login_as, personas, org_url, budget):
    contract = make_contract(personas, budget, activate=False)
    url = org_url("contracts:edit", contract_id=contract.pk)
    client = login_as(personas.alice)
    assert 'value="60.00"' in text(client.get(url))

    response = client.post(url, _hourly(personas, budget, hourly_rate="65", title="Renamed"))

    contract.refresh_from_db()
    assert response.status_code == 302
    assert (contract.title, contract.hourly_rate_cents) == ("Renamed", 6500)


def test_an_active_contract_is_not_edited(login_as, personas, org_url, budget):
    contract = make_contract(personas, budget)
    response = login_as(personas.alice).post(org_url("contracts:edit", contract_id=contract.pk),
                                             _hourly(personas, budget, title="Renamed"))  # fmt: skip
    contract.refresh_from_db()
    assert response.status_code == 302
    assert contract.title != "Renamed"


def test_another_organizations_contract_is_404_on_edit(login_as, personas, org_url, budget):
    foreign_budget = make_budget(personas, organization=personas.other_org, actor=personas.oscar, name="Oscar's ads")
    from outsourcer.contracts.services import contract_create

    foreign = contract_create(
        organization=personas.other_org, actor=personas.oscar, budget=foreign_budget,
        contractor=personas.dan_contractor, title="Theirs", rate_model="hourly", starts_on=foreign_budget.starts_on,
        hourly_rate_cents=5000, weekly_cap_minutes=600,
    )  # fmt: skip
    url = org_url("contracts:edit", contract_id=foreign.pk)
    assert login_as(personas.alice).post(url, _hourly(personas, budget)).status_code == 404


def test_a_new_contract_starts_with_the_only_budget_contractor_and_their_default_rate(
    login_as, personas, org_url, budget
):
    personas.carol_contractor.default_rate_cents, personas.carol_contractor.currency = 4550, "EUR"
    personas.carol_contractor.save()

    form = login_as(personas.bob).get(org_url("contracts:create")).context["form"]

    assert form["budget"].value() == budget.pk
    assert form["contractor"].value() == personas.carol_contractor.pk
    assert form["hourly_rate"].value() == "45.50"


def test_the_contractor_a_link_names_is_chosen_with_their_rate(login_as, personas, org_url, budget):
    eve = EngagementFactory(organization=personas.org, contractor__name="Eve Active").contractor
    eve.default_rate_cents, eve.currency = 3000, "EUR"
    eve.save()
    client = login_as(personas.bob)

    chosen = client.get(org_url("contracts:create") + f"?contractor={eve.pk}").context["form"]
    neither = client.get(org_url("contracts:create")).context["form"]
    foreign = client.get(org_url("contracts:create") + f"?contractor={personas.dan_contractor.pk}").context["form"]

    assert (chosen["contractor"].value(), chosen["hourly_rate"].value()) == (eve.pk, "30.00")
    assert neither["contractor"].value() is None and not neither["hourly_rate"].value()
    assert foreign["contractor"].value() is None


def test_a_rate_in_another_currency_than_the_budget_is_not_pre_filled(login_as, personas, org_url, budget):
    personas.carol_contractor.default_rate_cents, personas.carol_contractor.currency = 4550, "GBP"
    personas.carol_contractor.save()

    form = login_as(personas.bob).get(org_url("contracts:create")).context["form"]

    assert form["contractor"].value() == personas.carol_contractor.pk and not form["hourly_rate"].value()
