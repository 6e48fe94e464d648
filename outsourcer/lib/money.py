"""Money is an integer number of minor units (cents) with an ISO 4217 code; never a float.

Rounding rule (docs/money.md): amounts derived by multiplication (minutes × hourly rate,
exchange rates) are rounded half-up to the minor unit, once per ledger entry.
"""

import re
from decimal import ROUND_HALF_UP, Decimal

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


ENTER_AN_AMOUNT = "Enter an amount such as 1200 or 1200.50."

# Spaces people (and spreadsheets) put between thousands: plain, no-break and narrow no-break.
_SPACES = re.compile(r"[ \u00a0\u202f]+")
_SPACE_GROUPED = re.compile(r"(\d{1,3}(?: \d{3})+)(?:[.,](\d*))?")
# "1,250.00" / "1.250,00": the last separator is the decimal one, the other groups thousands.
_BOTH = re.compile(r"(\d{1,3}([.,])\d{3}(?:\2\d{3})*)(?!\2)[.,](\d*)")
# "1,234,567" / "1.234.567": the same separator twice or more can only group thousands.
_GROUPS_ONLY = re.compile(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})+")
# One separator or none: "45,50", "7.5", ".5", "12.", "1200".
_SIMPLE = re.compile(r"(\d*)(?:[.,](\d*))?")


def parse_amount(text: str, currency: str) -> int:
    """Parse a typed amount into minor units; raises MoneyError with what to type instead.

    A decimal comma is a decimal separator ("45,50"). Thousands separators are read only where
    they cannot be decimals ("1,250.00", "1.250,00", "1 250,00", "1,234,567"); a lone separator
    before three digits ("1,250") is refused with both readings offered back, except in
    currencies without minor units (it can only group thousands there) and a decimal point in
    three-decimal currencies ("1.234" KWD, the way those amounts are written and exported).
    """
    if not is_currency(currency):
        raise MoneyError(f"“{currency}” is not an ISO 4217 currency code.")
    exponent = minor_unit_exponent(currency)
    cleaned = _SPACES.sub(" ", (text or "").strip().replace("_", ""))
    sign = ""
    if cleaned[:1] in ("-", "+"):
        sign, cleaned = cleaned[0].replace("+", ""), cleaned[1:].lstrip()
    whole, fraction = _split(cleaned, exponent, text, sign)
    if not whole and not fraction:
        raise MoneyError(ENTER_AN_AMOUNT)
    value = Decimal(f"{sign}{whole or '0'}.{fraction or '0'}")
    scaled = value.scaleb(exponent)
    if scaled != scaled.to_integral_value():
        raise MoneyError(f"{currency} amounts have at most {exponent} decimal places.")
    return int(scaled)


def _split(cleaned: str, exponent: int, text: str, sign: str) -> tuple[str, str]:
    """The whole digits and the decimal digits of a sign-less amount."""
    if match := _SPACE_GROUPED.fullmatch(cleaned):
        return match[1].replace(" ", ""), match[2] or ""
    if match := _BOTH.fullmatch(cleaned):
        return match[1].replace(match[2], ""), match[3]
    if _GROUPS_ONLY.fullmatch(cleaned):
        return re.sub(r"[.,]", "", cleaned), ""
    match = _SIMPLE.fullmatch(cleaned)
    if not match:
        raise MoneyError(ENTER_AN_AMOUNT)
    whole, fraction = match[1], match[2] or ""
    separator = cleaned[len(whole)] if match[2] is not None else ""
    looks_grouped = separator and len(fraction) == 3 and 1 <= len(whole) <= 3 and not whole.startswith("0")
    if not looks_grouped or (exponent == 3 and separator == "."):
        return whole, fraction
    if exponent == 0:
        return whole + fraction, ""
    thousands, decimal = Decimal(f"{sign}{whole}{fraction}"), Decimal(f"{sign}{whole}.{fraction}")
    raise MoneyError(_ambiguous(text, thousands, decimal, exponent))


def _ambiguous(text: str, thousands: Decimal, decimal: Decimal, exponent: int) -> str:
    readings = [f"{thousands:,.{exponent}f}"]
    # "1,234" in euros cannot be 1.234 (three decimals), so only the thousands reading is offered.
    if decimal.scaleb(exponent) == decimal.scaleb(exponent).to_integral_value():
        readings.append(f"{decimal:,.{exponent}f}")
    return f"“{(text or '').strip()}” is ambiguous: did you mean {' or '.join(readings)}?"


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
