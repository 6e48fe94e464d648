"""The brief-clarity check: what a brief lacks, or says vaguely, before it goes to a contractor.

`brief_check(brief, contractor, send_at=…)` is pure: no database, no clock (the caller says when
the brief will be sent), and it never raises on what people type. The rules and thresholds are
written down in docs/briefs.md; the codes are the API's (shared/PRODUCT.md) and stay stable.
"""

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from outsourcer.lib.durations import duration_text
from outsourcer.lib.limits import MAX_WEEK_MINUTES
from outsourcer.lib.timezones import DEFAULT_WORKING_HOURS, WorkingHoursError, clean_working_hours, next_working_moment
from outsourcer.lib.validation import Errors
from outsourcer.lib.working_time import (
    has_working_time,
    is_working_moment,
    moment_text,
    previous_working_end,
    usable_working_hours,
    weekly_working_minutes,
    working_hours_text,
    working_minutes_between,
    working_time_done_at,
)
from outsourcer.work.vague import KINDS, vague_phrases

MISSING_GOAL = "missing_goal"
MISSING_DELIVERABLES = "missing_deliverables"
NO_ACCEPTANCE_CRITERIA = "no_acceptance_criteria"
MISSING_DEADLINE = "missing_deadline"
DEADLINE_IN_PAST = "deadline_in_past"
LEAD_TIME_TOO_SHORT = "lead_time_too_short"
DEADLINE_OUTSIDE_WORKING_HOURS = "deadline_outside_working_hours"
VAGUE_LANGUAGE = "vague_language"
TOO_SHORT = "too_short"
MISSING_POINT_OF_CONTACT = "missing_point_of_contact"
MISSING_RATE_BASIS = "missing_rate_basis"
# In the order findings are listed (shared/PRODUCT.md's order).
CODES = (
    MISSING_GOAL,
    MISSING_DELIVERABLES,
    NO_ACCEPTANCE_CRITERIA,
    MISSING_DEADLINE,
    DEADLINE_IN_PAST,
    LEAD_TIME_TOO_SHORT,
    DEADLINE_OUTSIDE_WORKING_HOURS,
    VAGUE_LANGUAGE,
    TOO_SHORT,
    MISSING_POINT_OF_CONTACT,
    MISSING_RATE_BASIS,
)

# Goal and deliverables together need this many words to act on (a CJK character counts as one).
MIN_WORDS = 12
_CJK = "\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff"  # kana and ideographs: written without spaces
_WORD = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")
# Where vague phrases are looked for, with the name a message uses.
_READ_FIELDS = (
    ("title", "title"),
    ("goal", "goal"),
    ("context", "context"),
    ("deliverables", "deliverables"),
    ("acceptance_criteria", "acceptance criteria"),
)
_MAX_QUOTED = 3


@dataclass(frozen=True)
class Brief:
    """What a brief says. Text fields may be blank; `deadline` is an aware datetime."""

    title: str = ""
    goal: str = ""
    context: str = ""
    deliverables: str = ""
    acceptance_criteria: Sequence[str] = ()
    deadline: datetime | None = None
    estimate_minutes: int | None = None
    point_of_contact: str = ""
    rate_basis: str = ""


@dataclass(frozen=True)
class ContractorWindow:
    """The contractor as the check sees them: name (for messages), zone, working hours (the
    `Contractor.working_hours` shape) and the weekly minutes they give this organization."""

    name: str = "the contractor"
    time_zone: str = "UTC"
    working_hours: Mapping[str, Sequence[str]] = field(default_factory=lambda: dict(DEFAULT_WORKING_HOURS))
    weekly_capacity_minutes: int = 40 * 60

    @classmethod
    def for_engagement(cls, engagement: Any) -> "ContractorWindow":
        """From an engagement (with its contractor): the hours a week the contractor gives this
        organization, in the contractor's own zone and working hours."""
        contractor = engagement.contractor
        return cls(
            name=contractor.name,
            time_zone=contractor.time_zone,
            working_hours=contractor.working_hours,
            weekly_capacity_minutes=engagement.weekly_capacity_minutes,
        )


def contractor_window_clean(
    *,
    time_zone: object,
    working_hours: object = None,
    weekly_capacity_minutes: object = None,
    name: str = "the contractor",
) -> ContractorWindow:
    """A contractor described by hand (not by a record): a listed zone, working hours (default
    Mon–Fri 09:00–17:00) and weekly minutes (default: all the working hours). Raises FieldErrors."""
    errors = Errors()
    zone = errors.time_zone(time_zone)
    hours: dict[str, list[str]] = dict(DEFAULT_WORKING_HOURS)
    if working_hours is not None:
        try:
            hours = clean_working_hours(working_hours)
        except WorkingHoursError as exc:
            errors.add("working_hours", str(exc))
    if weekly_capacity_minutes is None:
        weekly_capacity_minutes = weekly_working_minutes(hours)
    capacity = errors.integer(
        weekly_capacity_minutes, field="weekly_capacity_hours", label="Weekly capacity", maximum=MAX_WEEK_MINUTES
    )
    errors.raise_if_any()
    return ContractorWindow(name=name, time_zone=zone, working_hours=hours, weekly_capacity_minutes=capacity or 0)


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    suggestion: str
    field: str  # the brief field it is about, so a form can show it there


def brief_check(brief: Brief, contractor: ContractorWindow, *, send_at: datetime) -> list[Finding]:
    """The brief's findings, in CODES order; an empty list for a clear brief. Naive datetimes are read as UTC."""
    send_at = _aware(send_at)
    deadline = _aware(brief.deadline) if brief.deadline else None
    # Stored hours that went bad count as days off: the check must not fail on them.
    contractor = replace(contractor, working_hours=usable_working_hours(contractor.working_hours))
    goal, deliverables = _text(brief.goal), _text(brief.deliverables)
    criteria = [_text(line) for line in (brief.acceptance_criteria or ()) if _text(line)]
    found: list[Finding] = []
    if not goal:
        found.append(Finding(MISSING_GOAL, *_MISSING_GOAL, field="goal"))
    if not deliverables:
        found.append(Finding(MISSING_DELIVERABLES, *_MISSING_DELIVERABLES, field="deliverables"))
    if not criteria:
        found.append(Finding(NO_ACCEPTANCE_CRITERIA, *_NO_CRITERIA, field="acceptance_criteria"))
    found.extend(_deadline_findings(deadline, brief.estimate_minutes, contractor, send_at))
    found.extend(_vague_findings(brief))
    words = len(_WORD.findall(goal)) + len(_WORD.findall(deliverables))
    # An empty goal and deliverables already have their own findings; "too short" is about text
    # that is there but says too little.
    if (goal or deliverables) and words < MIN_WORDS:
        found.append(
            Finding(
                TOO_SHORT,
                f"The goal and deliverables say {_count(words, 'word')} in all, too little to start on without asking.",
                f"Write at least {MIN_WORDS} words: what the work is for, and exactly what to hand over "
                "(which files, in what format and size).",
                field="deliverables" if goal else "goal",
            )
        )
    if not _text(brief.point_of_contact):
        found.append(Finding(MISSING_POINT_OF_CONTACT, *_NO_CONTACT, field="point_of_contact"))
    if not _text(brief.rate_basis):
        found.append(Finding(MISSING_RATE_BASIS, *_NO_RATE_BASIS, field="rate_basis"))
    return sorted(found, key=lambda finding: CODES.index(finding.code))


_MISSING_GOAL = (
    "The brief does not say why the work is needed.",
    "Add a goal: what the work is for and how you will know it helped, e.g. “More bookings from the new menu page”.",
)
_MISSING_DELIVERABLES = (
    "The brief does not say what to hand over.",
    "List each deliverable and its format, e.g. “3 product photos, JPEG, 2000 px wide”.",
)
_NO_CRITERIA = (
    "The brief has no acceptance criteria, so nobody can tell when the work is done.",
    "Add one line for each check you will make, e.g. “The page loads in under 2 seconds on a phone”.",
)
_NO_CONTACT = (
    "The brief does not say whom to ask when a question comes up.",
    "Name the person who answers questions about this work, and how to reach them.",
)
_NO_RATE_BASIS = (
    "The brief does not say how the work is paid.",
    "Say the basis: hours at the contract's hourly rate, a fixed price, or hours from the retainer.",
)


def _deadline_findings(
    deadline: datetime | None, estimate_minutes: int | None, contractor: ContractorWindow, send_at: datetime
) -> list[Finding]:
    name = _text(contractor.name) or "the contractor"
    zone, hours = contractor.time_zone, contractor.working_hours
    if deadline is None:
        return [
            Finding(
                MISSING_DEADLINE,
                "The brief has no deadline.",
                f"Add the date and time the work is due, inside {_possessive(name)} working hours.",
                field="deadline",
            )
        ]
    if deadline <= send_at:
        when, sent = _local(deadline, zone, with_date=True), _local(send_at, zone, with_date=True)
        return [
            Finding(
                DEADLINE_IN_PAST,
                f"The deadline ({when} for {name}) is already past when the brief is sent ({sent}).",
                "Pick a deadline after the brief is sent that leaves time for the work"
                + (f" ({duration_text(estimate_minutes)})." if estimate_minutes and estimate_minutes > 0 else "."),
                field="deadline",
            )
        ]
    found = []
    if estimate_minutes and estimate_minutes > 0:
        found.extend(_lead_time(deadline, estimate_minutes, contractor, name, send_at))
    if outside_working_hours(deadline, time_zone=zone, working_hours=hours):
        found.append(_outside_hours(deadline, contractor, name))
    return found


def outside_working_hours(moment: datetime, *, time_zone: str, working_hours: Any) -> bool:
    """Whether `moment` falls outside the contractor's working hours (the
    `deadline_outside_working_hours` rule): never without any usable working time, and stored
    hours that went bad count as days off."""
    return has_working_time(working_hours) and not is_working_moment(
        _aware(moment), time_zone=time_zone, working_hours=working_hours
    )


def _lead_time(
    deadline: datetime, estimate: int, contractor: ContractorWindow, name: str, send_at: datetime
) -> list[Finding]:
    zone, hours = contractor.time_zone, contractor.working_hours
    capacity = max(int(contractor.weekly_capacity_minutes or 0), 0)
    weekly = weekly_working_minutes(hours)
    between = f"between sending ({_local(send_at, zone)} for {name}) and the deadline ({_local(deadline, zone)})"
    if weekly == 0:
        # No working hours declared: any hour may be worked, at the weekly capacity spread evenly
        # over the calendar week.
        span = int((deadline - send_at).total_seconds() // 60)
        available = span * capacity // (7 * 24 * 60)
        why = f"{duration_text(span)} pass {between}, at {duration_text(capacity)} a week"
        needed_span = math.ceil(estimate * 7 * 24 * 60 / capacity) if capacity else None
        enough_at = send_at.astimezone(UTC) + timedelta(minutes=needed_span) if needed_span is not None else None
    else:
        share = min(capacity, weekly)
        # Only the minutes that can still change the answer are counted: a brief due in 2099 stays quick.
        needed_working = math.ceil(estimate * weekly / share) if share else None
        working = working_minutes_between(
            send_at, deadline, time_zone=zone, working_hours=hours, limit=needed_working if needed_working else 1
        )
        available = working * share // weekly
        why = f"{name} works {duration_text(working)} {between}"
        if capacity < weekly:
            why += f", and gives you {duration_text(capacity)} of a {duration_text(weekly)} working week"
        enough_at = (
            working_time_done_at(send_at, needed_working, time_zone=zone, working_hours=hours)
            if needed_working is not None
            else None
        )
    if available >= estimate:
        return []
    later = (
        f"Move the deadline to {_local(enough_at, zone, with_date=True)} for {name} or later, or make the work smaller"
        if enough_at is not None
        else f"Make the work smaller, or agree more hours a week with {name} first"
    )
    return [
        Finding(
            LEAD_TIME_TOO_SHORT,
            f"The estimate is {duration_text(estimate)}, but {name} can give it only about "
            f"{duration_text(available)} before the deadline: {why}.",
            f"{later} (split it into parts with their own deadlines).",
            field="deadline",
        )
    ]


def _outside_hours(deadline: datetime, contractor: ContractorWindow, name: str) -> Finding:
    zone, hours = contractor.time_zone, contractor.working_hours
    before = previous_working_end(deadline, time_zone=zone, working_hours=hours)
    after = next_working_moment(deadline, zone, hours)
    options = [f"{_local(moment, zone)}" for moment in (before, after) if moment is not None and moment != deadline]
    move = f"Move it to {' or '.join(options)} for {name}" if options else "Move it into those hours"
    return Finding(
        DEADLINE_OUTSIDE_WORKING_HOURS,
        f"The deadline is {_local(deadline, zone)} for {name}, outside {_possessive(name)} working hours "
        f"({working_hours_text(hours)}, {contractor.time_zone}).",
        f"{move}: the end of the working day before, or the start of the next.",
        field="deadline",
    )


def _vague_findings(brief: Brief) -> list[Finding]:
    seen: dict[str, list[tuple[str, str]]] = {}
    for attribute, label in _READ_FIELDS:
        value = getattr(brief, attribute)
        texts = [value] if isinstance(value, str) else list(value or ())
        for text in texts:
            for phrase in vague_phrases(text if isinstance(text, str) else ""):
                where = seen.setdefault(phrase.kind.key, [])
                # Each phrase once, where it first appears ("ASAP" in the title, then "asap" in the goal).
                if phrase.phrase.lower() not in [written.lower() for written, _ in where]:
                    where.append((phrase.phrase, label))
    found = []
    for kind in KINDS:
        if kind.key not in seen:
            continue
        places = seen[kind.key]
        quoted = [f"“{phrase}” (in the {label})" for phrase, label in places[:_MAX_QUOTED]]
        more = len(places) - _MAX_QUOTED
        listed = _and(quoted + ([f"{more} more"] if more > 0 else []))
        verb = "is" if len(places) == 1 else "are"
        found.append(
            Finding(VAGUE_LANGUAGE, f"{listed} {verb} vague: {kind.why}", kind.suggestion, field=_first_field(places))
        )
    return found


def _first_field(places: list[tuple[str, str]]) -> str:
    label = places[0][1]
    return next(attribute for attribute, name in _READ_FIELDS if name == label)


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None or moment.utcoffset() is None else moment


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _local(moment: datetime, zone: str, *, with_date: bool = False) -> str:
    return moment_text(moment, zone, with_date=with_date)


def _possessive(name: str) -> str:
    return f"{name}’" if name.endswith("s") else f"{name}’s"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
