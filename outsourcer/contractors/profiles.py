"""Contractor profile fields: what each may hold and the one place they are validated (the
directory, the portal, the CSV import and the API all call `clean_profile`)."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from outsourcer.contractors.models import Contractor
from outsourcer.lib.durations import duration_text
from outsourcer.lib.limits import MAX_WEEK_HOURS, MAX_WEEK_MINUTES
from outsourcer.lib.text import has_nul, normalize_skills
from outsourcer.lib.timezones import WorkingHoursError, clean_working_hours
from outsourcer.lib.validation import NUL, REQUIRED, TOO_LONG, Errors

PROFILE_FIELDS = (
    "kind",
    "name",
    "email",
    "company",
    "website",
    "skills",
    "time_zone",
    "working_hours",
    "weekly_capacity_minutes",
    "default_rate_cents",
    "currency",
    "volume_tiers",
)
CAPACITY = f"Weekly capacity is between 0 and {MAX_WEEK_HOURS} hours."
RATE = "The rate must be zero or more."
CHOOSE_KIND = "Choose person or company."
CHOOSE_STATUS = "Choose a valid status."
WEBSITE = "Enter a web address such as example.com or https://example.com/portfolio."
# The reading the directory form's URLField gives a web address: "example.com" is https://example.com.
# The CSV import and the API read it the same way through `website_normalise`.
WEBSITE_FIELD = forms.URLField(max_length=300, required=False, assume_scheme="https")
MAX_NOTES = 10_000


def website_normalise(value: str) -> str:
    """ "example.com" → "https://example.com", as the form reads it; what it cannot read is left as is."""
    try:
        return WEBSITE_FIELD.to_python(value)
    except ValidationError:
        return value


def _website(errors: Errors, value: Any) -> str:
    value = errors.text(value, field="website", label="Website", max_length=300, required=False)
    if value and "website" not in errors:
        value = website_normalise(value)
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            errors.add("website", WEBSITE)
    return value


def _skills(errors: Errors, value: Any) -> str:
    if isinstance(value, str) and has_nul(value):
        errors.add("skills", NUL.format(label="Skills"))
    skills = normalize_skills(value if isinstance(value, list | str) else "")
    if len(skills) > 500:
        errors.add("skills", TOO_LONG.format(label="Skills", max_length=500))
    return skills


def _working_hours(errors: Errors, value: Any) -> dict[str, list[str]]:
    try:
        return clean_working_hours(value)
    except WorkingHoursError as exc:
        errors.add("working_hours", str(exc))
        return {}


def _tiers(errors: Errors, value: Any) -> list[dict[str, int]]:
    tiers, problem = _clean_tiers(value)
    if problem:
        errors.add("volume_tiers", problem)
    return tiers


def _email(errors: Errors, value: Any) -> str:
    value = errors.text(value, field="email", label="E-mail", max_length=254, required=False)
    return errors.email(value) if value and "email" not in errors else value


# One checker per profile field; each adds its problems to `errors` and returns the cleaned value.
_PROFILE_CHECKS: dict[str, Any] = {
    "kind": lambda e, v: e.choice(v, field="kind", choices=Contractor.Kind.values, message=CHOOSE_KIND),
    "name": lambda e, v: e.text(v, field="name", label="Name", max_length=120),
    "email": _email,
    "company": lambda e, v: e.text(v, field="company", label="Company", max_length=120, required=False),
    "website": _website,
    "skills": _skills,
    "time_zone": lambda e, v: e.time_zone(v),
    "working_hours": _working_hours,
    "weekly_capacity_minutes": lambda e, v: e.integer(
        v, field="weekly_capacity_minutes", label="Weekly capacity", maximum=MAX_WEEK_MINUTES, message=CAPACITY
    ),
    "default_rate_cents": lambda e, v: e.integer(v, field="default_rate_cents", label="Rate", message=RATE),
    "currency": lambda e, v: e.currency(v),
    "volume_tiers": _tiers,
}


def clean_profile(data: dict[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """Validate contractor profile fields; returns cleaned values or raises FieldErrors with every
    problem at once. With `partial`, absent fields are left out rather than required."""
    errors = Errors()
    cleaned: dict[str, Any] = {}
    for field in PROFILE_FIELDS:
        if field in data:
            cleaned[field] = _PROFILE_CHECKS[field](errors, data[field])
        elif field == "name" and not partial:
            errors.add("name", REQUIRED.format(label="Name"))
    errors.raise_if_any()
    return cleaned


# Capacity: a contractor's clients never have more hours than the contractor's total.
CAPACITY_FOR_CLIENT = (
    "At most {fits} a week: {name} works {total} a week in all and gives {others} of it to other clients."
)
CAPACITY_FOR_CLIENT_YOURS = (
    "At most {fits} a week for {client}: your total is {total} a week and you give {others} to your other clients."
)
CAPACITY_TOTAL = "At least {given} a week: that is what {name} gives clients now. Lower what a client gets first."
CAPACITY_TOTAL_YOURS = (
    "At least {given} a week: that is what you give your clients now. Lower what a client gets first."
)


def capacity_over_total(
    *, total: int, others: int, minutes: int, name: str, client: str = "", yours: bool = False
) -> str:
    """The message when `others` (given to the other clients) + `minutes` (this client) would pass
    `total`, else "". With `yours`, worded for the contractor themselves."""
    if others + minutes <= total:
        return ""
    template = CAPACITY_FOR_CLIENT_YOURS if yours else CAPACITY_FOR_CLIENT
    return template.format(
        fits=duration_text(max(total - others, 0)),
        total=duration_text(total),
        others=duration_text(others),
        name=name,
        client=client,
    )


def capacity_total_below_given(*, total: int, given: int, name: str, yours: bool = False) -> str:
    """The message when a new `total` is below what the clients are `given`, else ""."""
    if total >= given:
        return ""
    return (CAPACITY_TOTAL_YOURS if yours else CAPACITY_TOTAL).format(given=duration_text(given), name=name)


def _clean_notes(notes: str) -> str:
    errors = Errors()
    notes = errors.text(notes, field="notes", label="Notes", max_length=MAX_NOTES, required=False)
    errors.raise_if_any()
    return notes


def _clean_tiers(value: Any) -> tuple[list[dict[str, int]], str]:
    if value in (None, ""):
        return [], ""
    if not isinstance(value, list):
        return [], "Volume tiers are a list of {min_hours, rate_cents}."
    tiers = []
    for tier in value:
        if not isinstance(tier, dict):
            return [], "Each volume tier needs min_hours and rate_cents."
        hours, rate = tier.get("min_hours"), tier.get("rate_cents")
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (hours, rate)):
            return [], "Each volume tier needs whole-number min_hours and rate_cents."
        if not (0 < hours <= MAX_WEEK_HOURS) or rate < 0:
            return [], f"Tier hours are between 1 and {MAX_WEEK_HOURS} and rates are zero or more."
        tiers.append({"min_hours": hours, "rate_cents": rate})
    tiers.sort(key=lambda t: t["min_hours"])
    if len({t["min_hours"] for t in tiers}) != len(tiers):
        return [], "Two volume tiers start at the same number of hours."
    return tiers, ""


def _engagement_capacity(value: Any) -> int:
    errors = Errors()
    errors.integer(
        value, field="engagement_capacity_minutes", label="Capacity", maximum=MAX_WEEK_MINUTES, message=CAPACITY
    )
    errors.raise_if_any()
    return value
