"""Review binds to what the reviewer saw: a time entry's version.

The contractor may edit a submitted entry until it is reviewed. An approval or rejection that
carries the version the reviewer was shown is refused (409) when the entry changed since — the
review page showed 0:30 h, the contractor made it 6:30 h, the click must not post 6:30 h.
The version is a digest of what a reviewer judges (minutes, day, contract, note) and of
`updated_at` (saved by every edit): no extra column, and a content change is caught even when two
edits share a clock reading.
"""

import hashlib
from datetime import UTC, datetime, timedelta

from outsourcer.lib.errors import DomainError

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
CHANGED = "This time entry changed since you opened the page (now {minutes}): check it and review it again."


class StaleVersion(DomainError):
    """The row changed after the reviewer saw it."""

    status_code = 409

    def __init__(self, message: str):
        super().__init__(message, field="version", code="changed")


def time_entry_version(entry) -> int:
    """The version a reviewer passes back with an approval or rejection of `entry` (0 ≤ v < 2**56)."""
    micros = (entry.updated_at - _EPOCH) // timedelta(microseconds=1)
    seen = f"{entry.minutes}|{entry.worked_on}|{entry.contract_id}|{entry.note}|{micros}"
    return int.from_bytes(hashlib.sha256(seen.encode()).digest()[:7], "big")


def time_entry_check_version(entry, version: int | None) -> None:
    """Raise StaleVersion when `version` is given and is not the (locked) entry's current one."""
    if version is not None and int(version) != time_entry_version(entry):
        hours, minutes = divmod(entry.minutes, 60)
        raise StaleVersion(CHANGED.format(minutes=f"{hours}:{minutes:02d} h"))


def posted_version(data) -> int | None:
    """The `version` a review form sent (None when absent or not a number)."""
    value = data.get("version", "")
    return int(value) if value.isdigit() else None


def posted_versions(data) -> dict[int, int]:
    """`version-<id>` fields of the bulk review form as {entry id: version}."""
    versions = {}
    for key, value in data.items():
        entry_id = key.removeprefix("version-")
        if key.startswith("version-") and entry_id.isdigit() and value.isdigit():
            versions[int(entry_id)] = int(value)
    return versions


def with_versions(entries):
    """Set `.version` on each entry for the review page's forms; returns them."""
    for entry in entries:
        entry.version = time_entry_version(entry)
    return entries
