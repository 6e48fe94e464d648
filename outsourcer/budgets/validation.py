"""Input checks shared by the budget and contract services: every problem collected at once,
then raised as one FieldErrors so forms and the API can show each next to its field."""

from datetime import date
from typing import Any

from outsourcer.lib.currencies import is_currency
from outsourcer.lib.errors import FieldErrors
from outsourcer.lib.text import has_nul

# 10 billion in major units: far above any small business's budget, far below BIGINT overflow
# even after multiplying by minutes and exchange rates.
MAX_AMOUNT_CENTS = 10**12
MAX_RATE_MICROS = 10**12
# Money dates stay in a range where every period (and its end) is a real date on every database:
# a yearly budget starting in 9999 would end in year 10000.
FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2099, 12, 31)


class Errors:
    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def __contains__(self, field: str) -> bool:
        return field in self.errors

    def raise_if_any(self) -> None:
        if self.errors:
            raise FieldErrors(self.errors)

    def text(self, value: Any, *, field: str, label: str, max_length: int, required: bool = True) -> str:
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.add(field, f"{label} must be text.")
            return ""
        value = value.strip()
        if has_nul(value):
            self.add(field, f"{label} contains a character that is not allowed.")
        elif required and not value:
            self.add(field, f"{label} is required.")
        elif len(value) > max_length:
            self.add(field, f"{label} is at most {max_length} characters.")
        return value

    def integer(
        self, value: Any, *, field: str, label: str, minimum: int = 0, maximum: int = MAX_AMOUNT_CENTS, required=True
    ) -> int | None:
        if value is None:
            if required:
                self.add(field, f"{label} is required.")
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            self.add(field, f"{label} must be a whole number.")
            return None
        if value < minimum:
            self.add(field, f"{label} must be at least {minimum}." if minimum else f"{label} cannot be negative.")
        elif value > maximum:
            self.add(field, f"{label} is at most {maximum}.")
        return value

    def day(self, value: Any, *, field: str, label: str, required: bool = True) -> date | None:
        if value is None:
            if required:
                self.add(field, f"{label} is required.")
            return None
        if not isinstance(value, date):
            self.add(field, f"{label} must be a date.")
            return None
        if not FIRST_DAY <= value <= LAST_DAY:
            self.add(field, f"{label} must be between {FIRST_DAY.year} and {LAST_DAY.year}.")
        return value

    def currency(self, value: Any, *, field: str = "currency") -> str:
        code = (value or "").strip().upper() if isinstance(value, str) else ""
        if not is_currency(code):
            self.add(field, "Choose an ISO 4217 currency such as EUR or USD.")
        return code
