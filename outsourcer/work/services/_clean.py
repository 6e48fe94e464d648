"""Cleaning a task's brief fields: one Errors pass, field names as the model has them."""

from datetime import datetime
from typing import Any

from outsourcer.accounts.models import Membership, Organization
from outsourcer.lib.limits import MAX_ESTIMATE_MINUTES
from outsourcer.lib.validation import FIRST_DAY, LAST_DAY, Errors
from outsourcer.work.models import Priority

BRIEF_FIELDS = (
    "title",
    "goal",
    "context",
    "deliverables",
    "deliverable_format",
    "acceptance_criteria",
    "references",
    "deadline_at",
    "estimate_minutes",
    "priority",
    "point_of_contact",
)
MAX_CRITERIA = 50
MAX_REFERENCES = 30
NOT_A_LINK = "Line {line} is not a link: write one address per line, starting with https:// or http://."
TOO_MANY_CRITERIA = f"At most {MAX_CRITERIA} acceptance criteria."
TOO_MANY_REFERENCES = f"At most {MAX_REFERENCES} links."
CRITERIA_NOT_LIST = "Acceptance criteria must be a list of lines."
NOT_A_MEMBER = "The point of contact must be a member of this organization."
DEADLINE_NOT_AWARE = "The deadline needs a date and time with its time zone."
DEADLINE_RANGE = f"The deadline must be between {FIRST_DAY.year} and {LAST_DAY.year}."
PRIORITY = "Choose low, normal or high."


def _criteria(errors: Errors, value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.splitlines()
    if not isinstance(value, list | tuple):
        errors.add("acceptance_criteria", CRITERIA_NOT_LIST)
        return []
    lines = []
    for index, line in enumerate(value):
        cleaned = errors.text(
            line, field="acceptance_criteria", label=f"Criterion {index + 1}", max_length=500, required=False
        )
        if cleaned:
            lines.append(cleaned)
    if len(lines) > MAX_CRITERIA:
        errors.add("acceptance_criteria", TOO_MANY_CRITERIA)
    return lines


def _references(errors: Errors, value: Any) -> str:
    text = errors.text(value, field="references", label="References", max_length=10_000, required=False)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for number, line in enumerate(lines, start=1):
        if not line.lower().startswith(("https://", "http://")) or " " in line:
            errors.add("references", NOT_A_LINK.format(line=number))
            break
    if len(lines) > MAX_REFERENCES:
        errors.add("references", TOO_MANY_REFERENCES)
    return "\n".join(lines)


def _deadline(errors: Errors, value: Any) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        errors.add("deadline_at", DEADLINE_NOT_AWARE)
        return None
    if not FIRST_DAY.year <= value.year <= LAST_DAY.year:
        errors.add("deadline_at", DEADLINE_RANGE)
    return value


def brief_clean(values: dict[str, Any], *, organization: Organization) -> dict[str, Any]:
    """The brief fields cleaned (only those present in `values`); raises FieldErrors."""
    errors = Errors()
    cleaned: dict[str, Any] = {}
    for name, label, max_length in (
        ("title", "Title", 200),
        ("goal", "Goal", 10_000),
        ("context", "Context", 10_000),
        ("deliverables", "Deliverables", 10_000),
        ("deliverable_format", "Format", 200),
    ):
        if name in values:
            cleaned[name] = errors.text(
                values[name], field=name, label=label, max_length=max_length, required=name == "title"
            )
    if "acceptance_criteria" in values:
        cleaned["acceptance_criteria"] = _criteria(errors, values["acceptance_criteria"])
    if "references" in values:
        cleaned["references"] = _references(errors, values["references"])
    if "deadline_at" in values:
        cleaned["deadline_at"] = _deadline(errors, values["deadline_at"])
    if "estimate_minutes" in values:
        cleaned["estimate_minutes"] = errors.integer(
            values["estimate_minutes"],
            field="estimate_minutes",
            label="Estimate",
            minimum=1,
            maximum=MAX_ESTIMATE_MINUTES,
            required=False,
        )
    if "priority" in values:
        cleaned["priority"] = values["priority"] or Priority.NORMAL
        if cleaned["priority"] not in Priority.values:
            errors.add("priority", PRIORITY)
    if "point_of_contact" in values:
        contact = values["point_of_contact"]
        if contact is not None and not Membership.objects.filter(organization=organization, user=contact).exists():
            errors.add("point_of_contact", NOT_A_MEMBER)
        cleaned["point_of_contact"] = contact
    errors.raise_if_any()
    return cleaned


def reason_clean(value: Any, *, field: str, label: str, required: bool = True, max_length: int = 500) -> str:
    errors = Errors()
    text = errors.text(value, field=field, label=label, max_length=max_length, required=required)
    errors.raise_if_any()
    return text
