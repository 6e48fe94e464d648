"""Shared input and output types for every domain's API schemas.

Constraints live in the schema (so they show up in the OpenAPI document and are fuzzed), not in
hidden validators; the services still check every rule again.
"""

from typing import Annotated

from ninja import Field, Schema
from pydantic import AfterValidator

from outsourcer.lib.plain_text import strip_controls, strip_controls_multiline
from outsourcer.lib.text import NUL_FREE


def Text(max_length: int, *, min_length: int = 0, multiline: bool = False):  # capitalized: used like a type
    """A string without NUL characters (PostgreSQL cannot store them) of at most `max_length`, with
    control characters stripped (outsourcer/lib/plain_text.py): one line unless `multiline`."""
    return Annotated[
        str,
        Field(min_length=min_length, max_length=max_length, pattern=NUL_FREE),
        AfterValidator(strip_controls_multiline if multiline else strip_controls),
    ]


Name = Text(120, min_length=1)
ShortText = Text(120)
LongText = Text(10_000, multiline=True)
Search = Text(100)
TimeZone = Annotated[str, Field(min_length=1, max_length=64, pattern=NUL_FREE, examples=["Europe/Berlin"])]
Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$", examples=["EUR"], description="ISO 4217 code")]
Cents = Annotated[int, Field(ge=0, le=10**12, description="Money in minor units (cents)")]
WeekMinutes = Annotated[int, Field(ge=0, le=168 * 60, description="Minutes per week, 0–10080 (168 hours)")]
ClockTime = Annotated[str, Field(pattern=r"^\d{2}:\d{2}$", examples=["09:00"])]


class MoneyOut(Schema):
    amount_cents: int
    currency: str


class MoneyIn(Schema):
    amount_cents: Cents
    currency: Currency


# Primary keys in paths: positive and within a 64-bit integer, so no database sees an overflow.
ObjectId = Annotated[int, Field(ge=1, le=2**63 - 1)]
