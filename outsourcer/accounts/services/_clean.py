"""Field checks shared by the account services (each raises DomainError naming the field)."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from outsourcer.accounts.models import normalize_email
from outsourcer.lib.currencies import is_currency
from outsourcer.lib.errors import DomainError
from outsourcer.lib.text import has_nul
from outsourcer.lib.timezones import is_time_zone


def _clean_email(email: str, *, field: str = "email") -> str:
    email = normalize_email(email)
    try:
        validate_email(email)
    except ValidationError:
        raise DomainError("Enter a valid e-mail address.", field=field) from None
    return email


def _clean_text(value: str, *, field: str, label: str, max_length: int, required: bool = True) -> str:
    value = (value or "").strip()
    if has_nul(value):
        raise DomainError(f"{label} contains a character that is not allowed.", field=field)
    if required and not value:
        raise DomainError(f"{label} is required.", field=field)
    if len(value) > max_length:
        raise DomainError(f"{label} is at most {max_length} characters.", field=field)
    return value


def _clean_currency(currency: str) -> str:
    currency = (currency or "").strip().upper()
    if not is_currency(currency):
        raise DomainError("Choose a currency from the list, such as EUR or USD.", field="currency")
    return currency


def _clean_time_zone(time_zone: str) -> str:
    if not is_time_zone(time_zone or ""):
        raise DomainError("Choose a time zone from the list, such as Europe/Berlin.", field="time_zone")
    return time_zone
