"""Shared input and output types for every domain's API schemas.

Constraints live in the schema (so they show up in the OpenAPI document and are fuzzed), not in
hidden validators; the services still check every rule again.
"""

from datetime import date
from typing import Annotated

from ninja import Field
from pydantic import WithJsonSchema

from outsourcer.lib.limits import MAX_AMOUNT_CENTS, MAX_ID, MAX_RATE_MICROS, MAX_WEEK_MINUTES
from outsourcer.lib.text import NUL_FREE


def Text(max_length: int, *, min_length: int = 0):  # capitalized: used like a type, `name: Text(120)`
    """A string without NUL characters (PostgreSQL cannot store them) of at most `max_length`."""
    return Annotated[str, Field(min_length=min_length, max_length=max_length, pattern=NUL_FREE)]


Name = Text(120, min_length=1)
ShortText = Text(120)
LongText = Text(10_000)
Search = Text(100)
TimeZone = Annotated[str, Field(min_length=1, max_length=64, pattern=NUL_FREE, examples=["Europe/Berlin"])]
Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$", examples=["EUR"], description="ISO 4217 code")]
Cents = Annotated[int, Field(ge=0, le=MAX_AMOUNT_CENTS, description="Money in minor units (cents)")]
PositiveCents = Annotated[int, Field(ge=1, le=MAX_AMOUNT_CENTS, description="Money in minor units (cents)")]
RateMicros = Annotated[int, Field(ge=1, le=MAX_RATE_MICROS)]
WeekMinutes = Annotated[int, Field(ge=0, le=MAX_WEEK_MINUTES, description="Minutes per week, 0–10080 (168 hours)")]
ClockTime = Annotated[str, Field(pattern=r"^\d{2}:\d{2}$", examples=["09:00"])]


# Primary keys in paths: positive and within a 64-bit integer, so no database sees an overflow.
ObjectId = Annotated[int, Field(ge=1, le=MAX_ID)]

# A calendar day, "2025-03-17". The pattern documents (and lets the fuzzer know) that no other
# characters, NUL included, can reach the database; pydantic parses the date itself.
Day = Annotated[date, WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"})]
