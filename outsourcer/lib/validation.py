"""The one way services validate input: an `Errors` collects every problem at once, then raises a
single FieldErrors (field → message), so a form shows each message next to its input and the API
answers them all in its `errors` object. Each kind of problem has one message, worded here."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from outsourcer.lib.currencies import is_currency
from outsourcer.lib.errors import FieldErrors
from outsourcer.lib.limits import MAX_AMOUNT_CENTS
from outsourcer.lib.text import has_nul
from outsourcer.lib.timezones import canonical_time_zone

# Money dates stay in a range where every period (and its end) is a real date on every database:
# a yearly budget starting in 9999 would end in year 10000.
FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2099, 12, 31)

CURRENCY = "Choose an ISO 4217 currency such as EUR or USD."
TIME_ZONE = "Choose a time zone such as Europe/Berlin or America/New_York."
EMAIL = "Enter a valid e-mail address."
NOT_TEXT = "{label} must be text."
NUL = "{label} contains a character that is not allowed."
REQUIRED = "{label} is required."
TOO_LONG = "{label}: at most {max_length:,} characters."
NOT_WHOLE = "{label} must be a whole number."
NEGATIVE = "{label} cannot be negative."
TOO_SMALL = "{label} must be at least {minimum}."
TOO_LARGE = "{label}: at most {maximum:,}."
NOT_DATE = "{label} must be a date."
DATE_RANGE = "{label} must be between {first} and {last}."


def is_whole(value: Any) -> bool:
    """An int that is not a bool (JSON true would otherwise pass as 1)."""
    return isinstance(value, int) and not isinstance(value, bool)


class Errors:
    """Collects field errors; the first message for a field wins. Each checker returns the cleaned
    value (or None / "" when it is unusable) so a service builds its cleaned dict in one pass."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def replace(self, field: str, message: str) -> None:
        """Reword a generic message for this field with a more specific one."""
        self.errors[field] = message

    def merge(self, other: "Errors", *, prefix: str) -> None:
        """Take `other`'s errors under `prefix` (e.g. "milestones.0.") for nested items."""
        for field, message in other.errors.items():
            self.add(f"{prefix}{field}", message)

    def __contains__(self, field: str) -> bool:
        return field in self.errors

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_if_any(self) -> None:
        if self.errors:
            raise FieldErrors(dict(self.errors))

    def text(self, value: Any, *, field: str, label: str, max_length: int, required: bool = True) -> str:
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.add(field, NOT_TEXT.format(label=label))
            return ""
        value = value.strip()
        if has_nul(value):
            self.add(field, NUL.format(label=label))
        elif required and not value:
            self.add(field, REQUIRED.format(label=label))
        elif len(value) > max_length:
            self.add(field, TOO_LONG.format(label=label, max_length=max_length))
        return value

    def integer(
        self,
        value: Any,
        *,
        field: str,
        label: str,
        minimum: int = 0,
        maximum: int = MAX_AMOUNT_CENTS,
        required: bool = True,
        message: str | None = None,
    ) -> int | None:
        """A whole number in [minimum, maximum]; `message` replaces every generic wording."""
        if value is None:
            if required:
                self.add(field, message or REQUIRED.format(label=label))
            return None
        if not is_whole(value):
            self.add(field, message or NOT_WHOLE.format(label=label))
            return None
        if value < minimum:
            generic = TOO_SMALL.format(label=label, minimum=minimum) if minimum else NEGATIVE.format(label=label)
            self.add(field, message or generic)
        elif value > maximum:
            self.add(field, message or TOO_LARGE.format(label=label, maximum=maximum))
        return value

    def day(self, value: Any, *, field: str, label: str, required: bool = True) -> date | None:
        if value is None:
            if required:
                self.add(field, REQUIRED.format(label=label))
            return None
        if not isinstance(value, date):
            self.add(field, NOT_DATE.format(label=label))
            return None
        if not FIRST_DAY <= value <= LAST_DAY:
            self.add(field, DATE_RANGE.format(label=label, first=FIRST_DAY.year, last=LAST_DAY.year))
        return value

    def currency(self, value: Any, *, field: str = "currency") -> str:
        code = value.strip().upper() if isinstance(value, str) else ""
        if not is_currency(code):
            self.add(field, CURRENCY)
        return code

    def time_zone(self, value: Any, *, field: str = "time_zone") -> str:
        """A listed zone (an alias is stored as the zone it stands for); oddities such as "Factory"
        or "localtime" are refused."""
        name = value.strip() if isinstance(value, str) else ""
        zone = canonical_time_zone(name)
        if zone is None:
            self.add(field, TIME_ZONE)
        return zone or name

    def email(self, value: Any, *, field: str = "email", required: bool = True) -> str:
        # Stored lower-cased: e-mail is compared case-insensitively (see accounts.models.normalize_email).
        address = value.strip().lower() if isinstance(value, str) else ""
        if not address and not required:
            return ""
        try:
            validate_email(address)
        except ValidationError:
            self.add(field, EMAIL)
        return address

    def choice(self, value: Any, *, field: str, choices: Iterable[Any], message: str) -> Any:
        if value not in set(choices):
            self.add(field, message)
        return value
