from datetime import date

import pytest
from django.http import Http404

from outsourcer.accounts.access import access_organization
from outsourcer.audit.models import Event
from outsourcer.contractors.models import EngagementStatus
from outsourcer.contracts.access import access_contract, access_contract_for_contractor, access_milestone
from outsourcer.contracts.flows import CONTRACT_FLOW
from outsourcer.contracts.models import Contract, ContractStatus, Milestone
from outsourcer.contracts.services import (
    contract_activate,
    contract_complete,
    contract_end,
    contract_update,
    milestone_accept,
)
from outsourcer.lib.errors import DomainError, FieldErrors, OverrideRequired
from outsourcer.testing.builders import TODAY, make_budget, make_contract

pytestmark = pytest.mark.django_db


def test_it_creates_a_draft_hourly_contract_in_the_budget_currency(personas):
    budget = make_budget(personas)
    contract = make_contract(personas, budget, activate=False)

    assert contract.status == ContractStatus.DRAFT
    assert (contract.currency, contract.exchange_rate_micros, contract.hourly_rate_budget_cents) == ("EUR", None, 6000)
    assert contract.engagement == personas.carol_engagement
    assert Event.objects.filter(action="contract_created", object_id=str(contract.pk)).exists()


def test_a_foreign_currency_needs_a_recorded_rate_and_converts_once(personas):
    budget = make_budget(personas)
    with pytest.raises(FieldErrors) as caught:
        make_contract(personas, budget, activate=False, currency="USD")
    assert "exchange_rate_micros" in caught.value.errors

    contract = make_contract(
        personas, budget, rate_model="fixed", activate=False, currency="USD", exchange_rate_micros=921_345,
        total_cents=30_000,
    )  # fmt: skip
    assert contract.total_budget_cents == 27_640  # 276.4035 € → 27,640 cents
    assert [m.budget_amount_cents for m in contract.milestones.all()] == [9_213, 18_427]


def test_a_rate_is_refused_when_the_currency_is_the_budgets(personas):
    budget = make_budget(personas)
    with pytest.raises(FieldErrors) as caught:
        make_contract(personas, budget, activate=False, exchange_rate_micros=900_000)
    assert "exchange_rate_micros" in caught.value.errors


def test_it_needs_the_terms_of_its_model(personas):
    budget = make_budget(personas)
    with pytest.raises(FieldErrors) as caught:
        make_contract(personas, budget, activate=False, hourly_rate_cents=None, weekly_cap_minutes=0)
    assert set(caught.value.errors) == {"hourly_rate_cents", "weekly_cap_minutes"}
    with pytest.raises(FieldErrors) as caught:
        make_contract(personas, budget, rate_model="retainer", activate=False, monthly_fee_cents=None)
    assert set(caught.value.errors) == {"monthly_fee_cents"}


def test_terms_of_other_models_are_dropped(personas):
    contract = make_contract(personas, make_budget(personas), activate=False, monthly_fee_cents=5)
    assert contract.monthly_fee_cents is None


def test_milestones_must_add_up_to_the_total(personas):
    budget = make_budget(personas)
    with pytest.raises(DomainError) as caught:
        make_contract(personas, budget, rate_model="fixed", total_cents=30_001, activate=False)
    assert caught.value.field == "milestones"
    assert "30000" in caught.value.message
    with pytest.raises(DomainError):
        make_contract(personas, budget, rate_model="fixed", milestones=[], activate=False)
    with pytest.raises(FieldErrors) as caught:
        make_contract(personas, budget, rate_model="fixed", total_cents=5, activate=False,
                      milestones=[{"title": "", "amount_cents": 5, "due_on": date(2024, 1, 1)}])  # fmt: skip
    assert set(caught.value.errors) == {"milestones.0.title", "milestones.0.due_on"}
    assert Contract.objects.count() == 0 and Milestone.objects.count() == 0


def test_it_needs_an_engagement_with_the_contractor(personas):
    budget = make_budget(personas)
    with pytest.raises(FieldErrors) as caught:
        make_contract(personas, budget, contractor=personas.dan_contractor, activate=False)
    assert "contractor" in caught.value.errors


def test_the_contract_lies_within_the_budget_dates(personas):
    budget = make_budget(personas, period="one_off", starts_on=date(2025, 1, 1), ends_on=date(2025, 6, 30))
    with pytest.raises(FieldErrors) as caught:
        make_contract(personas, budget, starts_on=date(2024, 12, 1), activate=False)
    assert set(caught.value.errors) == {"starts_on", "ends_on"}


def test_a_draft_can_be_changed_an_active_contract_cannot(personas):
    budget = make_budget(personas, amount_cents=10**9)
    contract = make_contract(personas, budget, activate=False)

    contract_update(contract=contract, actor=personas.bob, hourly_rate_cents=7000, title="Photos")
    contract.refresh_from_db()
    assert (contract.hourly_rate_cents, contract.hourly_rate_budget_cents, contract.title) == (7000, 7000, "Photos")

    contract_activate(contract=contract, actor=personas.bob, today=TODAY)
    with pytest.raises(DomainError) as caught:
        contract_update(contract=contract, actor=personas.bob, title="Sneaky")
    assert caught.value.code == "not_draft"


# --- activation: the budget guard ---------------------------------------------------------------


def test_activation_within_the_remaining_budget_needs_no_override(personas):
    budget = make_budget(personas, amount_cents=1_000_000)
    contract = make_contract(personas, budget, rate_model="retainer", activate=False)

    contract = contract_activate(contract=contract, actor=personas.bob, today=TODAY)

    assert contract.status == ContractStatus.ACTIVE and contract.activated_at
    assert Event.objects.filter(action="contract_activated", object_id=str(contract.pk)).exists()


def test_activation_over_the_remaining_budget_shows_the_numbers(personas):
    budget = make_budget(personas, amount_cents=80_000)
    contract = make_contract(personas, budget, rate_model="fixed", activate=False, total_cents=200_000, milestones=[
        {"title": "All", "amount_cents": 200_000, "due_on": date(2025, 3, 31)}])  # fmt: skip

    with pytest.raises(OverrideRequired) as caught:
        contract_activate(contract=contract, actor=personas.bob, today=TODAY, override_reason="please")

    error = caught.value
    assert error.message.startswith(
        "Fixed work would take “Social media” to €2,000.00 of its €800.00 this period (€1,200.00 over): "
        "spent €0.00 + committed €0.00 + expected hourly €0.00 + this contract €2,000.00. Up to €800.00 would fit."
    )
    assert "Only an owner" in error.message
    assert error.details["cost_cents"] == 200_000
    assert error.details["remaining_cents"] == 80_000
    assert error.details["over_cents"] == 120_000
    assert error.details["can_override"] is False
    contract.refresh_from_db()
    assert contract.status == ContractStatus.DRAFT


def test_an_owner_overrides_with_a_reason_recorded(personas):
    budget = make_budget(personas, amount_cents=80_000)
    contract = make_contract(personas, budget, rate_model="retainer", activate=False, monthly_fee_cents=100_000)

    with pytest.raises(OverrideRequired) as caught:
        contract_activate(contract=contract, actor=personas.alice, today=TODAY, may_override=True)
    assert caught.value.message.endswith("Confirm with a reason to go ahead.")

    contract = contract_activate(
        contract=contract, actor=personas.alice, today=TODAY, may_override=True, override_reason="Launch month"
    )
    assert contract.status == ContractStatus.ACTIVE
    assert contract.activation_override_reason == "Launch month"
    event = Event.objects.get(action="contract_activated_over_budget")
    assert event.reason == "Launch month" and event.after["cost_cents"] == 100_000


def test_the_hourly_forecast_counts_against_the_remaining(personas):
    budget = make_budget(personas, amount_cents=100_000)
    contract = make_contract(personas, budget, activate=False)  # forecast 2,571.43 € for 17–31 March

    with pytest.raises(OverrideRequired) as caught:
        contract_activate(contract=contract, actor=personas.bob, today=TODAY)
    assert caught.value.details["cost_cents"] == 257_143


def test_only_a_draft_can_be_activated(personas):
    contract = make_contract(personas, make_budget(personas, amount_cents=10**9))
    with pytest.raises(DomainError) as caught:
        contract_activate(contract=contract, actor=personas.bob, today=TODAY)
    assert caught.value.code == "illegal_transition"
    assert caught.value.message == "The contract is active; it cannot become active."


def test_activation_needs_a_live_engagement(personas):
    contract = make_contract(personas, make_budget(personas, amount_cents=10**9), activate=False)
    personas.carol_engagement.status = EngagementStatus.ENDED
    personas.carol_engagement.save()
    with pytest.raises(DomainError):
        contract_activate(contract=contract, actor=personas.bob, today=TODAY)


def test_the_transition_table():
    assert CONTRACT_FLOW.targets(ContractStatus.COMPLETED) == []
    assert CONTRACT_FLOW.next("draft", "ended") == "ended"
    with pytest.raises(DomainError):
        CONTRACT_FLOW.next("ended", "active")


def test_complete_and_end(personas):
    budget = make_budget(personas, amount_cents=10**9)
    hourly = make_contract(personas, budget)
    assert contract_complete(contract=hourly, actor=personas.bob).status == ContractStatus.COMPLETED
    with pytest.raises(DomainError):
        contract_end(contract=hourly, actor=personas.bob)
    draft = make_contract(personas, budget, activate=False)
    assert contract_end(contract=draft, actor=personas.bob).status == ContractStatus.ENDED
    assert Event.objects.filter(action="contract_completed").count() == 1


def test_a_fixed_contract_completes_once_every_milestone_is_accepted(personas):
    contract = make_contract(personas, make_budget(personas, amount_cents=10**9), rate_model="fixed")
    with pytest.raises(DomainError) as caught:
        contract_complete(contract=contract, actor=personas.bob)
    assert caught.value.code == "pending_milestones"
    for milestone in contract.milestones.all():
        milestone_accept(milestone=milestone, actor=personas.bob, today=TODAY)
    assert contract_complete(contract=contract, actor=personas.bob).status == ContractStatus.COMPLETED


# --- milestones ---------------------------------------------------------------------------------


def test_accepting_a_milestone_posts_its_amount_once(personas):
    contract = make_contract(personas, make_budget(personas, amount_cents=10**9), rate_model="fixed")
    milestone = contract.milestones.get(title="Draft")

    entry = milestone_accept(milestone=milestone, actor=personas.bob, today=TODAY)

    assert (entry.kind, entry.amount_cents, entry.occurred_on, entry.milestone_id) == ("milestone", 10_000, TODAY,
                                                                                       milestone.pk)  # fmt: skip
    milestone.refresh_from_db()
    assert milestone.status == "accepted" and milestone.accepted_by == personas.bob
    with pytest.raises(DomainError) as caught:
        milestone_accept(milestone=milestone, actor=personas.bob, today=TODAY)
    assert caught.value.code == "already_accepted"


def test_a_foreign_currency_milestone_keeps_the_original_amount(personas):
    contract = make_contract(
        personas, make_budget(personas, amount_cents=10**9), rate_model="fixed", currency="USD",
        exchange_rate_micros=921_345,
    )  # fmt: skip
    entry = milestone_accept(milestone=contract.milestones.get(title="Draft"), actor=personas.bob, today=TODAY)
    assert (entry.amount_cents, entry.currency) == (9_213, "EUR")
    assert (entry.original_amount_cents, entry.original_currency, entry.exchange_rate_micros) == (10_000, "USD",
                                                                                                  921_345)  # fmt: skip


def test_milestones_of_inactive_contracts_cannot_be_accepted(personas):
    contract = make_contract(personas, make_budget(personas, amount_cents=10**9), rate_model="fixed", activate=False)
    with pytest.raises(DomainError) as caught:
        milestone_accept(milestone=contract.milestones.first(), actor=personas.bob, today=TODAY)
    assert caught.value.code == "contract_not_active"


# --- access ---------------------------------------------------------------------------------------


def test_access_helpers_answer_404_across_organizations(personas):
    oscars_budget = make_budget(personas, organization=personas.other_org, actor=personas.oscar)
    from outsourcer.contracts.services import contract_create

    oscars = contract_create(
        organization=personas.other_org, actor=personas.oscar, budget=oscars_budget,
        contractor=personas.dan_contractor, title="Site", rate_model="fixed", starts_on=date(2025, 1, 1),
        total_cents=100, milestones=[{"title": "All", "amount_cents": 100, "due_on": date(2025, 1, 31)}],
    )  # fmt: skip
    ctx = access_organization(personas.alice, personas.org.slug)
    with pytest.raises(Http404):
        access_contract(ctx, oscars.pk)
    with pytest.raises(Http404):
        access_milestone(ctx, oscars.milestones.get().pk)
    with pytest.raises(Http404):
        access_contract_for_contractor(personas.carol_contractor, oscars.pk)
    with pytest.raises(Http404):  # Dan's own contract, but still a draft
        access_contract_for_contractor(personas.dan_contractor, oscars.pk)
