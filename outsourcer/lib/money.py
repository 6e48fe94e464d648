"""Money is an integer number of minor units (cents) with an ISO 4217 code; never a float.

Rounding rule (docs/money.md): amounts derived by multiplication (minutes × hourly rate,
exchange rates) are rounded half-up to the minor unit, once per ledger entry.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from outsourcer.lib.currencies import is_currency, minor_unit_exponent

SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥", "CHF": "CHF ", "INR": "₹"}


class MoneyError(ValueError):
    pass


def round_half_up(value: Decimal) -> int:
    """Round a Decimal amount of minor units to an int, halves away from zero."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def cents_for_minutes(minutes: int, hourly_rate_cents: int) -> int:
    """Cost of `minutes` at an hourly rate, rounded half-up to the minor unit."""
    return round_half_up(Decimal(minutes) * Decimal(hourly_rate_cents) / Decimal(60))


def parse_amount(text: str, currency: str) -> int:
    """Parse a user-typed amount ("1,200.50", "1200") into minor units; raises MoneyError."""
    if not is_currency(currency):
        raise MoneyError(f"“{currency}” is not an ISO 4217 currency code.")
    cleaned = (text or "").strip().replace(",", "").replace(" ", "").replace("_", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise MoneyError("Enter an amount such as 1200 or 1200.50.") from None
    if not value.is_finite():
        raise MoneyError("Enter an amount such as 1200 or 1200.50.")
    exponent = minor_unit_exponent(currency)
    scaled = value * (Decimal(10) ** exponent)
    if scaled != scaled.to_integral_value():
        raise MoneyError(f"{currency} amounts have at most {exponent} decimal places.")
    return int(scaled)


def to_decimal(cents: int, currency: str) -> Decimal:
    return Decimal(cents).scaleb(-minor_unit_exponent(currency))


def amount_text(cents: int, currency: str) -> str:
    """Plain amount for form fields and CSV: 1200.50 (no symbol, no grouping)."""
    exponent = minor_unit_exponent(currency)
    return f"{to_decimal(cents, currency):.{exponent}f}"


def format_money(cents: int | None, currency: str) -> str:
    """Human display: €1,200.50 / -€30.00 / 1,200.50 SEK."""
    if cents is None:
        return "—"
    exponent = minor_unit_exponent(currency)
    sign = "-" if cents < 0 else ""
    number = f"{abs(to_decimal(cents, currency)):,.{exponent}f}"
    symbol = SYMBOLS.get(currency)
    if symbol:
        return f"{sign}{symbol}{number}"
    return f"{sign}{number} {currency}"
