"""How audit events read on the activity page: one sentence each, in the words a bookkeeper uses.

Each domain declares its actions in its own `events.py` (see audit.events.Action), with a label
("changed a contract") and usually a `describe` function that turns the event's recorded payload
into the rest of a sentence after the actor's name ("raised the hourly rate of “Logo” from €40.00
to €45.00"). They are collected here the first time they are needed. An action without a describer,
or one nobody declares, still reads as words: its label and its changes, with money as money,
durations in hours, dates as dates and no stored field names (`*_cents`, `*_id`, …).
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from typing import Any

from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from outsourcer.audit.events import ACTIONS, Action
from outsourcer.lib.durations import duration_text
from outsourcer.lib.money import amount_text, format_money

OBJECT_LABELS: dict[str, str] = {
    "accounts.organization": "Organization",
    "accounts.membership": "Membership",
    "accounts.invitation": "Invitation",
    "accounts.apitoken": "API token",
    "contractors.contractor": "Contractor",
    "contractors.engagement": "Engagement",
    "budgets.budget": "Budget",
    "budgets.spendentry": "Ledger entry",
    "budgets.budgetalert": "Budget alert",
    "contracts.contract": "Contract",
    "contracts.milestone": "Milestone",
    "contracts.timeentry": "Time entry",
}

# Stored field names and how to say them; domains add theirs with `field_wording`.
FIELD_LABELS: dict[str, str] = {}
FIELD_FORMATS: dict[str, Callable[[Any, str], str]] = {}
# A stored name's suffix says what it holds (docs/STYLE: *_cents money, *_minutes durations, …);
# the words drop it.
SUFFIXES = ("_cents", "_micros", "_minutes", "_id", "_on", "_at")
# Names of things, quoted in a sentence: the name from “Ads” to “Social media”.
QUOTED = {"name", "title", "budget", "contract", "contractor", "company", "note"}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def field_wording(name: str, label: str, format: Callable[[Any, str], str] | None = None) -> None:
    """Say the stored field `name` as `label` in activity sentences, its values through
    `format(value, currency)` when plain text is not enough (a domain's events.py calls this)."""
    FIELD_LABELS[name] = label
    if format is not None:
        FIELD_FORMATS[name] = format


def field_text(name: str) -> str:
    if name in FIELD_LABELS:
        return FIELD_LABELS[name]
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            name = name.removesuffix(suffix)
            break
    return name.replace("_", " ")


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def value_text(name: str, value: Any, currency: str = "") -> str:
    """One stored value as words: €40.00, 6 h, 17 Mar 2025, “Ads”, yes."""
    if _is_empty(value):
        return "nothing"
    if name in FIELD_FORMATS:
        return FIELD_FORMATS[name](value, currency)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if _is_number(value):
        if name.endswith("_cents"):
            return format_money(int(value), currency) if currency else amount_text(int(value), "EUR")
        if name == "minutes" or name.endswith("_minutes"):
            return duration_text(int(value))
        if name.endswith("_micros"):
            return f"{value / 1_000_000:.6f}".rstrip("0").rstrip(".")
        return f"{value:,}"
    if isinstance(value, list):
        return ", ".join(value_text(name, item, currency) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{field_text(k)} {value_text(k, v, currency)}" for k, v in value.items())
    text = str(value)
    if ISO_DATETIME.match(text):
        try:
            return date_text(timezone.localtime(datetime.fromisoformat(text)), with_time=True)
        except ValueError:
            return text
    if ISO_DATE.fullmatch(text):
        return date_text(date.fromisoformat(text))
    if name in QUOTED:
        return f"“{text}”"
    # Stored choices read as words: "one_off" → "one off".
    return text.replace("_", " ") if re.fullmatch(r"[a-z_]+", text) else text


def date_text(value: date | datetime, *, with_time: bool = False) -> str:
    text = f"{value.day} {value:%b %Y}"
    return f"{text}, {value:%H:%M}" if with_time and isinstance(value, datetime) else text


def change_text(name: str, before: Any, after: Any, currency: str = "") -> str:
    """One change as a phrase: "raised the hourly rate from €40.00 to €45.00"."""
    label = field_text(name)
    if _is_empty(before):
        return f"set the {label} to {value_text(name, after, currency)}"
    if _is_empty(after):
        return f"removed the {label} (was {value_text(name, before, currency)})"
    verb = "changed"
    if _is_number(before) and _is_number(after):
        verb = "raised" if after > before else "lowered"
    return f"{verb} the {label} from {value_text(name, before, currency)} to {value_text(name, after, currency)}"


def joined(phrases: Iterable[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    items = [p for p in phrases if p]
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


def headed(head: str, detail: str) -> str:
    """ "head: detail", or just the head when there is no detail."""
    return f"{head}: {detail}" if detail else head


def _hidden(name: str) -> bool:
    # Row ids mean nothing to a reader, and the currency is part of every amount already.
    return name.endswith("_id") or name == "currency"


@dataclass(frozen=True)
class Entry:
    """What a describer reads: one event's recorded payload (either side may be empty, and older
    events may lack keys that newer ones record) and the currency its amounts are in."""

    before: dict = field(default_factory=dict)
    after: dict = field(default_factory=dict)
    object_repr: str = ""
    currency: str = ""

    @classmethod
    def of(cls, event) -> "Entry":
        before = event.before if isinstance(event.before, dict) else {}
        after = event.after if isinstance(event.after, dict) else {}
        organization = event.organization if event.organization_id else None
        currency = after.get("currency") or before.get("currency") or getattr(organization, "currency", "")
        return cls(before=before, after=after, object_repr=event.object_repr, currency=str(currency or ""))

    def __getitem__(self, name: str) -> Any:
        """A value the describer cannot do without: KeyError (and so the general words) when an
        older or unexpected payload lacks it."""
        value = self.get(name)
        if value is None:
            raise KeyError(name)
        return value

    def require(self, *names: str) -> None:
        """KeyError unless every one of `names` has a value (see __getitem__)."""
        for name in names:
            self[name]

    def get(self, name: str, default: Any = None) -> Any:
        if name in self.after:
            return self.after[name]
        return self.before.get(name, default)

    def text(self, name: str) -> str:
        return value_text(name, self.get(name), self.currency)

    def money(self, name: str) -> str:
        value = self.get(name)
        return value_text(name if name.endswith("_cents") else f"{name}_cents", value, self.currency)

    @property
    def quoted(self) -> str:
        """The object's name as it was, in quotes: “Logo design”."""
        return f"“{self.object_repr}”" if self.object_repr else "it"

    def changes(self, *, skip: Iterable[str] = ()) -> str:
        """Every field whose value differs, as one phrase: "raised the amount from … and set …"."""
        skip = set(skip)
        names = [n for n in dict.fromkeys([*self.before, *self.after]) if n not in skip and not _hidden(n)]
        return joined(
            change_text(n, self.before.get(n), self.after.get(n), self.currency)
            for n in names
            if self.before.get(n) != self.after.get(n)
        )

    def details(self, *, skip: Iterable[str] = ()) -> str:
        """The recorded values of a one-sided event as a phrase: "worked on 17 Mar 2025, 6 h"."""
        skip = set(skip)
        side = self.after or self.before
        return ", ".join(
            f"{field_text(n)} {value_text(n, v, self.currency)}"
            for n, v in side.items()
            if n not in skip and not _hidden(n) and not _is_empty(v)
        )


@cache
def declared_actions() -> dict[str, Action]:
    # Import every installed app's events module so each domain's declarations are registered.
    autodiscover_modules("events")
    return dict(ACTIONS)


def action_labels() -> dict[str, str]:
    return {name: declared.label for name, declared in declared_actions().items()}


def action_label(action: str) -> str:
    declared = declared_actions().get(action)
    return declared.label if declared else action.replace("_", " ")


def override_actions() -> list[str]:
    """The actions that record a guard overridden with a reason (over budget, over the cap, …)."""
    return sorted(name for name, declared in declared_actions().items() if declared.override)


def describe(action: str, entry: Entry) -> str:
    """The sentence for one event after its actor's name, without the final full stop."""
    declared = declared_actions().get(action)
    if declared is not None and declared.describe is not None:
        try:
            return declared.describe(entry)
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # a payload older than its describer still reads, in the general words below
    label = action_label(action)
    phrase = f"{label} {entry.quoted}" if entry.object_repr else label
    return headed(phrase, entry.changes() if entry.before and entry.after else entry.details())


def event_sentence(event) -> str:
    """The event after its actor's name, as one sentence with its full stop."""
    return describe(event.action, Entry.of(event)).rstrip(". ") + "."


def object_label(object_type: str) -> str:
    if object_type in OBJECT_LABELS:
        return OBJECT_LABELS[object_type]
    return object_type.rpartition(".")[2].replace("_", " ").capitalize()
