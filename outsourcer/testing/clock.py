"""The moment the test suite runs at: `TEST_TODAY` (docs/testing.md).

`TEST_TODAY=2027-02-28T23:30` (UTC), `2027-02-28T23:30+13:00` (that offset) or `2027-02-28` (noon
UTC) replays a run at that instant. Unset, a run starts at the real time it began, and prints it.
"""

from datetime import UTC, date, datetime, time

TEST_TODAY_VARIABLE = "TEST_TODAY"


def parse_test_today(value: str) -> datetime:
    """The aware instant `value` names; a naive value is UTC. ValueError explains a bad value."""
    text = value.strip()
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), time(12), tzinfo=UTC)
        moment = datetime.fromisoformat(text)
    except ValueError as error:
        raise ValueError(
            f"{TEST_TODAY_VARIABLE}={value!r} is not a date or date-time such as 2027-02-28T23:30 (UTC), "
            f"2027-02-28T23:30+13:00 or 2027-02-28"
        ) from error
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def default_test_today() -> str:
    """Now, in UTC to the second: the value a run without TEST_TODAY prints for replaying it."""
    return datetime.now(UTC).replace(microsecond=0, tzinfo=None).isoformat()
