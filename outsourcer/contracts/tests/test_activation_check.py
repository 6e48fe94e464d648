"""The over-budget guard asked before a contract exists (hiring's award page asks it on a GET): the
same verdict, figures and words as activating the contract, and nothing saved."""

from datetime import date

import pytest

from outsourcer.audit.models import Event
from outsourcer.contracts.models import Contract
from outsourcer.contracts.services import contract_activate, contract_activation_check, contract_create
from outsourcer.lib.errors import FieldErrors, OverrideRequired
from outsourcer.testing.builders import TODAY, make_budget

pytestmark = pytest.mark.django_db

TERMS = {
    "fixed": {
        "total_cents": 150_000,
        "milestones": [
            {"title": "Draft", "amount_cents": 100_000, "due_on": date(2025, 3, 28)},
            {"title": "Final", "amount_cents": 50_000, "due_on": date(2025, 4, 20)},
        ],
    },
    "hourly": {"hourly_rate_cents": 10_000, "weekly_cap_minutes": 40 * 60},
    "retainer": {"monthly_fee_cents": 150_000, "included_minutes": 600, "overage_rate_cents": 5_000},
}


def _terms(rate_model, **more):
    start = date(2025, 3, 20)
    return {"title": "Spring shoot", "rate_model": rate_model, "starts_on": start, **TERMS[rate_model], **more}


@pytest.mark.parametrize("rate_model", ["fixed", "hourly", "retainer"])
@pytest.mark.parametrize("currency", [{}, {"currency": "USD", "exchange_rate_micros": 920_000}])
def test_it_says_what_activation_would_say_and_saves_nothing(personas, rate_model, currency):
    budget = make_budget(personas, amount_cents=80_000)
    common = {"organization": personas.org, "budget": budget, "contractor": personas.carol_contractor}
    events = Event.objects.count()

    check = contract_activation_check(**common, today=TODAY, may_override=True, **_terms(rate_model, **currency))

    assert not Contract.objects.exists() and Event.objects.count() == events
    contract = contract_create(**common, actor=personas.alice, **_terms(rate_model, **currency))
    with pytest.raises(OverrideRequired) as caught:
        contract_activate(contract=contract, actor=personas.alice, may_override=True, today=TODAY)
    assert (check.message, check.details) == (caught.value.message, caught.value.details)


def test_a_contract_that_fits_passes(personas):
    budget = make_budget(personas, amount_cents=10**9)
    check = contract_activation_check(
        organization=personas.org, budget=budget, contractor=personas.carol_contractor, today=TODAY, **_terms("fixed")
    )
    assert check is None


def test_it_refuses_terms_as_contract_create_does(personas):
    with pytest.raises(FieldErrors) as caught:
        contract_activation_check(
            organization=personas.org,
            budget=make_budget(personas),
            contractor=personas.carol_contractor,
            **_terms("hourly", weekly_cap_minutes=None),
        )
    assert set(caught.value.errors) == {"weekly_cap_minutes"}
