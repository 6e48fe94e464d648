"""Golden cases for the rounding rule in docs/money.md: half-up, once per ledger entry."""

import pytest

from outsourcer.budgets.exchange import convert_cents
from outsourcer.lib.money import cents_for_minutes


@pytest.mark.parametrize(
    ("minutes", "rate_cents", "expected"),
    [
        (1, 4999, 83),  # 83.3167 → 83
        (7, 1234, 144),  # 143.9667 → 144
        (1, 30, 1),  # 0.5 → 1 (half up)
        (3, 50, 3),  # 2.5 → 3
        (90, 6000, 9000),  # exact
        (1, 1, 0),  # 0.0167 → 0
        (59, 6001, 5901),  # 5900.983 → 5901
        (45, 10, 8),  # 7.5 → 8
        (1440, 99_999_999, 2_399_999_976),  # a day at the largest rate stays exact
    ],
)
def test_it_rounds_time_half_up_per_entry(minutes, rate_cents, expected):
    assert cents_for_minutes(minutes, rate_cents) == expected


@pytest.mark.parametrize(
    ("amount", "source", "target", "rate_micros", "expected"),
    [
        (10_000, "USD", "EUR", 921_345, 9213),  # 9213.45 → 9213
        (10_050, "USD", "EUR", 1_500_000, 15075),  # exact
        (1, "USD", "EUR", 500_000, 1),  # 0.5 → 1
        (-1, "USD", "EUR", 500_000, -1),  # a correction mirrors its entry
        (10_000, "EUR", "JPY", 162_500_000, 16250),  # €100 at 162.5 → ¥16,250 (JPY has no minor unit)
        (1_000, "JPY", "EUR", 6_153, 615),  # ¥1,000 at 0.006153 → €6.153 = 615.3 cents → 615
    ],
)
def test_it_converts_at_the_recorded_rate_half_up(amount, source, target, rate_micros, expected):
    assert convert_cents(amount, from_currency=source, to_currency=target, rate_micros=rate_micros) == expected


def test_it_refuses_to_convert_without_a_rate():
    with pytest.raises(ValueError):
        convert_cents(100, from_currency="USD", to_currency="EUR", rate_micros=None)
    assert convert_cents(100, from_currency="EUR", to_currency="EUR", rate_micros=None) == 100
