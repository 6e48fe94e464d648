"""Currency conversion at an explicit, recorded rate; never a silent or live conversion.

A rate is stored as integer micros: budget-currency units per one contract-currency unit
× 1,000,000 (1 USD = 0.921345 EUR → 921345). Minor units may differ (JPY has none), so the
conversion scales by the exponents too, then rounds half-up once (docs/money.md).
"""

from decimal import Decimal, InvalidOperation

from outsourcer.lib.currencies import minor_unit_exponent
from outsourcer.lib.money import round_half_up

MICROS = 1_000_000


def convert_cents(amount_cents: int, *, from_currency: str, to_currency: str, rate_micros: int | None) -> int:
    """`amount_cents` of `from_currency` in minor units of `to_currency`, rounded half-up."""
    if rate_micros is None:
        if from_currency != to_currency:
            raise ValueError("converting between currencies needs a recorded rate")
        return amount_cents
    shift = minor_unit_exponent(to_currency) - minor_unit_exponent(from_currency)
    value = Decimal(amount_cents) * Decimal(rate_micros) / Decimal(MICROS) * (Decimal(10) ** shift)
    return round_half_up(value)


def rate_text(rate_micros: int) -> str:
    """1 → "1", 921345 → "0.921345"."""
    return format((Decimal(rate_micros) / MICROS).normalize(), "f")


RATE_ABOVE_ZERO = "Enter a rate above zero, e.g. 0.92."
RATE_DECIMALS = "At most six decimal places."


def rate_micros_from_text(text: str) -> int | None:
    """A typed rate ("0.92", "0,92") as micros; None when empty. Raises ValueError with what to type."""
    text = (text or "").strip().replace(",", ".")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(RATE_ABOVE_ZERO) from None
    if not value.is_finite() or value <= 0:
        raise ValueError(RATE_ABOVE_ZERO)
    micros = value * MICROS
    if micros != micros.to_integral_value():
        raise ValueError(RATE_DECIMALS)
    return int(micros)
