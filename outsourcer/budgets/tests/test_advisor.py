from datetime import date

import pytest

from outsourcer.budgets.advisor import advise, rate_model_advice, tier_rate
from outsourcer.lib.errors import DomainError, FieldErrors
from outsourcer.testing.builders import make_budget

TIERS = [{"min_hours": 10, "rate_cents": 5000}, {"min_hours": 20, "rate_cents": 4500}]


def test_the_volume_tier_reached_applies():
    assert tier_rate(rate_cents=6000, volume_tiers=TIERS, weekly_minutes=9 * 60) == 6000
    assert tier_rate(rate_cents=6000, volume_tiers=TIERS, weekly_minutes=10 * 60) == 5000
    assert tier_rate(rate_cents=6000, volume_tiers=TIERS, weekly_minutes=25 * 60) == 4500
    assert tier_rate(rate_cents=4000, volume_tiers=TIERS, weekly_minutes=25 * 60) == 4000  # never above default


def test_the_three_models_side_by_side():
    hourly, fixed, retainer = advise(
        low_minutes=20 * 60, high_minutes=30 * 60, rate_cents=6000, volume_tiers=TIERS, weeks=2, remaining_cents=200_000
    )

    # 10–15 h a week: the 10 h tier (50 €) applies at both ends
    assert (hourly.low_cents, hourly.high_cents, hourly.expected_cents) == (100_000, 150_000, 125_000)
    assert hourly.rate_cents == 5000
    assert fixed.expected_cents == 172_500  # 30 h × 50 € + 15 %
    assert (retainer.months, retainer.monthly_fee_cents, retainer.expected_cents) == (1, 150_000, 150_000)
    assert [o.percent_of_remaining for o in (hourly, fixed, retainer)] == [63, 86, 75]  # 62.5 → 63
    assert [o.is_cheapest for o in (hourly, fixed, retainer)] == [True, False, False]


def test_nothing_left_gives_no_percentage():
    options = advise(low_minutes=60, high_minutes=60, rate_cents=100, volume_tiers=[], weeks=1, remaining_cents=0)
    assert {o.percent_of_remaining for o in options} == {None}


@pytest.mark.django_db
def test_a_contractor_in_another_currency_needs_a_rate(personas):
    budget = make_budget(personas)
    personas.carol_contractor.currency = "USD"
    with pytest.raises(DomainError) as caught:
        rate_model_advice(budget=budget, contractor=personas.carol_contractor, low_minutes=60, today=date(2025, 3, 17))
    assert caught.value.field == "exchange_rate_micros"
    advice = rate_model_advice(budget=budget, contractor=personas.carol_contractor, low_minutes=60,
                               exchange_rate_micros=500_000, today=date(2025, 3, 17))  # fmt: skip
    assert advice.options[0].rate_cents == 3000 and advice.weeks == 3


@pytest.mark.django_db
def test_the_estimate_is_validated(personas):
    budget = make_budget(personas)
    with pytest.raises(FieldErrors) as caught:
        rate_model_advice(budget=budget, low_minutes=0, high_minutes=10**9, rate_cents=100)
    assert set(caught.value.errors) == {"low_minutes", "high_minutes"}
    with pytest.raises(DomainError):
        rate_model_advice(budget=budget, low_minutes=60)  # no rate, no contractor
