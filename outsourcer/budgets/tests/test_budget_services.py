from datetime import date

import pytest
from django.http import Http404

from outsourcer.accounts.access import access_organization
from outsourcer.audit.models import Event
from outsourcer.budgets.access import access_budget
from outsourcer.budgets.models import Budget
from outsourcer.budgets.services import budget_create, budget_update, expense_record
from outsourcer.lib.errors import DomainError, FieldErrors
from outsourcer.testing.builders import make_budget, make_contract

pytestmark = pytest.mark.django_db


def test_it_creates_a_budget_with_default_thresholds_and_an_event(personas):
    budget = make_budget(personas)

    assert budget.thresholds == [50, 80, 100]
    assert Event.objects.filter(action="budget_created", object_id=str(budget.pk), actor=personas.alice).exists()


def test_it_reports_every_invalid_field_at_once(personas):
    with pytest.raises(FieldErrors) as caught:
        budget_create(
            organization=personas.org, actor=personas.alice, name=" ", period="weekly", starts_on=None,
            amount_cents=0, currency="EURO", thresholds=[80, 50],
        )  # fmt: skip

    assert set(caught.value.errors) == {"name", "period", "starts_on", "amount_cents", "currency", "thresholds"}
    assert Budget.objects.count() == 0


@pytest.mark.parametrize(
    ("thresholds", "ok"),
    [([50, 80, 100], True), ([120], True), ([0], False), ([201], False), ([50, 50], False), ([], False),
     ([True], False), (list(range(1, 12)), False)],
)  # fmt: skip
def test_it_validates_thresholds(personas, thresholds, ok):
    args = {"organization": personas.org, "actor": personas.alice, "name": "Ads", "period": "monthly",
            "starts_on": date(2025, 1, 1), "amount_cents": 100, "currency": "EUR"}  # fmt: skip
    args["thresholds"] = thresholds
    if ok:
        assert budget_create(**args).thresholds == thresholds
    else:
        with pytest.raises(FieldErrors) as caught:
            budget_create(**args)
        assert "thresholds" in caught.value.errors


def test_a_one_off_budget_needs_ordered_dates(personas):
    with pytest.raises(FieldErrors) as caught:
        make_budget(personas, period="one_off")
    assert "ends_on" in caught.value.errors
    with pytest.raises(FieldErrors) as caught:
        make_budget(personas, period="one_off", starts_on=date(2025, 5, 1), ends_on=date(2025, 4, 1))
    assert caught.value.errors["ends_on"] == "The end date is on or after the start date."


def test_names_are_unique_per_organization_ignoring_case(personas):
    make_budget(personas, name="Social media")

    with pytest.raises(FieldErrors) as caught:
        make_budget(personas, name="social MEDIA")
    assert caught.value.errors == {"name": "Another budget already has this name."}
    make_budget(personas, name="Social media", organization=personas.other_org, actor=personas.oscar)


def test_it_rejects_nul_characters(personas):
    with pytest.raises(FieldErrors) as caught:
        make_budget(personas, name="Ads\x00")
    assert caught.value.errors["name"] == "Name contains a character that is not allowed."


def _update(budget, actor, **changes):
    values = {f: getattr(budget, f) for f in ("name", "period", "starts_on", "ends_on", "amount_cents", "currency",
                                               "thresholds")}  # fmt: skip
    values.update(changes)
    return budget_update(budget=budget, actor=actor, **values)


def test_it_updates_a_budget_and_records_before_and_after(personas):
    budget = make_budget(personas)

    _update(budget, personas.alice, amount_cents=150_000, thresholds=[75, 100], name="Socials")

    budget.refresh_from_db()
    assert (budget.amount_cents, budget.thresholds, budget.name) == (150_000, [75, 100], "Socials")
    event = Event.objects.get(action="budget_updated")
    assert event.before["amount_cents"] == 100_000 and event.after["amount_cents"] == 150_000


def test_period_start_and_currency_are_fixed_once_the_budget_is_in_use(personas):
    budget = make_budget(personas)
    make_contract(personas, budget, activate=False)

    with pytest.raises(FieldErrors) as caught:
        _update(budget, personas.alice, period="quarterly", currency="USD", starts_on=date(2025, 2, 1))

    assert set(caught.value.errors) == {"period", "currency", "starts_on"}


def test_the_end_cannot_move_before_recorded_spend(personas):
    budget = make_budget(personas)
    expense_record(budget=budget, actor=personas.bob, amount_cents=100, occurred_on=date(2025, 3, 10), description="x")

    with pytest.raises(FieldErrors) as caught:
        _update(budget, personas.alice, ends_on=date(2025, 3, 1))
    assert "ends_on" in caught.value.errors
    _update(budget, personas.alice, ends_on=date(2025, 3, 31))


def test_access_budget_answers_404_for_another_organizations_budget(personas):
    oscars = make_budget(personas, organization=personas.other_org, actor=personas.oscar)
    ctx = access_organization(personas.alice, personas.org.slug)

    with pytest.raises(Http404):
        access_budget(ctx, oscars.pk)
    with pytest.raises(Http404):
        access_budget(ctx, 999_999)
    assert access_budget(access_organization(personas.oscar, personas.other_org.slug), oscars.pk) == oscars


def test_spend_outside_the_budget_dates_is_refused(personas):
    budget = make_budget(personas, period="one_off", starts_on=date(2025, 1, 1), ends_on=date(2025, 3, 31))

    with pytest.raises(DomainError) as caught:
        expense_record(budget=budget, actor=personas.bob, amount_cents=1, occurred_on=date(2025, 4, 1), description="x")
    assert caught.value.code == "outside_budget"


@pytest.mark.parametrize("starts_on", [date(1999, 12, 31), date(9999, 11, 15)])
def test_dates_stay_within_a_sane_range(personas, starts_on):
    with pytest.raises(FieldErrors) as caught:
        make_budget(personas, period="yearly", starts_on=starts_on)
    assert caught.value.errors["starts_on"] == "Start date must be between 2000 and 2099."
