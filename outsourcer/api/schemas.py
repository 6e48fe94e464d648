"""Shared input and output types for every domain's API schemas.

Constraints live in the schema (so they show up in the OpenAPI document and are fuzzed), not in
hidden validators; the services still check every rule again.
"""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from ninja.schema import DjangoGetter
from pydantic import (
    AfterValidator,
    AwareDatetime,
    ModelWrapValidatorHandler,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from outsourcer.lib.limits import MAX_AMOUNT_CENTS, MAX_ID, MAX_RATE_MICROS, MAX_WEEK_MINUTES
from outsourcer.lib.plain_text import strip_controls, strip_controls_multiline
from outsourcer.lib.text import NUL_FREE
from outsourcer.lib.validation import FIRST_DAY, LAST_DAY


def Text(max_length: int, *, min_length: int = 0, multiline: bool = False):  # capitalized: used like a type
    """A string without NUL characters (PostgreSQL cannot store them) of at most `max_length`, with
    control characters stripped (outsourcer/lib/plain_text.py): one line unless `multiline`."""
    return Annotated[
        str,
        Field(min_length=min_length, max_length=max_length, pattern=NUL_FREE),
        AfterValidator(strip_controls_multiline if multiline else strip_controls),
    ]


def _moment_in_range(moment: datetime) -> datetime:
    # The same days stored dates may have (lib/validation.FIRST_DAY..LAST_DAY): a deadline in
    # year 9999 would only make working-time arithmetic run long for nothing.
    if not FIRST_DAY <= moment.date() <= LAST_DAY:
        raise PydanticCustomError("datetime_out_of_range", f"Use a moment from {FIRST_DAY} to {LAST_DAY}.")
    return moment


# An ISO 8601 moment with its offset ("2025-03-21T17:00:00+01:00"); a time without one is refused.
# The pattern documents (and tells the fuzzer) that nothing else, NUL included, gets through.
MOMENT_PATTERN = r"^20\d{2}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$"
Moment = Annotated[
    AwareDatetime,
    AfterValidator(_moment_in_range),
    WithJsonSchema({"type": "string", "format": "date-time", "pattern": MOMENT_PATTERN}),
]

Name = Text(120, min_length=1)
ShortText = Text(120)
LongText = Text(10_000, multiline=True)
Search = Text(100)
TimeZone = Annotated[str, Field(min_length=1, max_length=64, pattern=NUL_FREE, examples=["Europe/Berlin"])]
Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$", examples=["EUR"], description="ISO 4217 code")]
Cents = Annotated[int, Field(ge=0, le=MAX_AMOUNT_CENTS, description="Money in minor units (cents)")]
PositiveCents = Annotated[int, Field(ge=1, le=MAX_AMOUNT_CENTS, description="Money in minor units (cents)")]
RateMicros = Annotated[int, Field(ge=1, le=MAX_RATE_MICROS)]
WeekMinutes = Annotated[int, Field(ge=0, le=MAX_WEEK_MINUTES, description="Minutes per week, 0–10080 (168 hours)")]
ClockTime = Annotated[str, Field(pattern=r"^\d{2}:\d{2}$", examples=["09:00"])]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
# {"mon": ["09:00", "17:00"], …}: days left out are days off (lib/timezones.clean_working_hours).
WorkingHours = dict[Weekday, Annotated[list[ClockTime], Field(max_length=2)]]


# Primary keys in paths: positive and within a 64-bit integer, so no database sees an overflow.
ObjectId = Annotated[int, Field(ge=1, le=MAX_ID)]


def _day_in_range(day: date) -> date:
    # Dates outside the services' range (FIRST_DAY..LAST_DAY) would make period arithmetic run
    # past year 9999 (a 500), so every API date is held to the range stored dates have.
    if not FIRST_DAY <= day <= LAST_DAY:
        raise PydanticCustomError("date_out_of_range", f"Use a date from {FIRST_DAY} to {LAST_DAY}.")
    return day


# A calendar day from 2000 to 2099, "2025-03-17". The pattern documents (and lets the fuzzer know)
# that no other characters, NUL included, can reach the database; pydantic parses the date itself.
Day = Annotated[
    date,
    AfterValidator(_day_in_range),
    WithJsonSchema({"type": "string", "format": "date", "pattern": r"^20\d{2}-\d{2}-\d{2}$"}),
]


class RowOut(Schema):
    """An output schema for lists whose rows arrive as dicts (`.values()` rows keyed by the schema's
    names or aliases, "organization.name" included): pydantic validates a dict as it is. Ninja's
    Schema wraps every input in a getter that resolves each field in Python, which costs more than
    the query on a page of 25 wide rows (docs/performance.md). Model instances still go through it."""

    @model_validator(mode="wrap")
    @classmethod
    def _run_root_validator(cls, values: Any, handler: ModelWrapValidatorHandler, info: ValidationInfo) -> Any:
        if isinstance(values, dict):
            return handler(values)
        return handler(DjangoGetter(values, cls, info.context))
