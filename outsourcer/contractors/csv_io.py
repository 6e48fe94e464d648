"""CSV import and export of the contractor directory.

Import is two steps: `csv_read` + `rows_validate` build a preview with row-level errors, then
`contractor_import` re-validates and creates every row in one transaction, or none.
"""

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from outsourcer.accounts.models import Organization, User
from outsourcer.audit.events import event_record
from outsourcer.contractors import events, services
from outsourcer.contractors.models import Engagement, EngagementStatus
from outsourcer.contractors.selectors import engagement_email_set_for_organization
from outsourcer.lib.csv_files import csv_safe, csv_unsafe
from outsourcer.lib.currencies import is_currency
from outsourcer.lib.durations import minutes_to_hours, parse_hours
from outsourcer.lib.errors import FieldErrors
from outsourcer.lib.money import MoneyError, amount_text, parse_amount
from outsourcer.lib.text import has_nul

COLUMNS = (
    "name",
    "email",
    "kind",
    "company",
    "website",
    "skills",
    "time_zone",
    "capacity_hours",
    "rate",
    "currency",
    "status",
    "notes",
)
MAX_ROWS = 2_000
MAX_BYTES = 1024 * 1024
# Service field names → the CSV column a person can fix.
_COLUMN_FOR = {"weekly_capacity_minutes": "capacity_hours", "default_rate_cents": "rate"}


class CsvError(Exception):
    """The file as a whole cannot be imported (wrong header, not UTF-8, too big, empty)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class RowError:
    """One problem: the spreadsheet row, the column and the value found there, and what is wrong."""

    row: int
    field: str
    message: str
    value: str = ""


@dataclass
class ImportRow:
    row: int
    profile: dict[str, Any]
    status: str
    notes: str
    capacity_minutes: int
    # The file gave no time zone: the organization's is used, and the preview says so.
    zone_from_organization: bool = False


class ImportInvalid(Exception):
    """At least one row is invalid; nothing was imported."""

    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} problems in the file")
        self.errors = errors


def csv_read(upload) -> list[dict[str, Any]]:
    """Read an uploaded file into raw rows ({column: text, "_row": spreadsheet row number});
    raises CsvError for problems with the file as a whole."""
    if upload.size is not None and upload.size > MAX_BYTES:
        raise CsvError("The file is larger than 1 MB. Split it into smaller files and import them one by one.")
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise CsvError("The file is larger than 1 MB. Split it into smaller files and import them one by one.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CsvError(
            "The file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8” and upload it again."
        ) from None
    if not text.strip():
        raise CsvError("The file is empty. Add a header row and one row per contractor.")
    if has_nul(text):
        raise CsvError("The file contains a NUL character; it does not look like a CSV file.")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [cell.strip().lower() for cell in next(reader)]
        _check_header(header)
        rows = []
        # Row numbers as a spreadsheet shows them: the header is row 1.
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) == MAX_ROWS:
                raise CsvError(f"The file has more than {MAX_ROWS:,} rows. Split it into smaller files.")
            row: dict[str, Any] = dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False))
            row["_row"] = number
            if len(cells) > len(header):
                row["_extra"] = True
            rows.append(row)
    except csv.Error as exc:
        raise CsvError(f"The file could not be read as CSV near row {reader.line_num}: {exc}.") from None
    if not rows:
        raise CsvError("The file has a header row but no contractors.")
    return rows


def _check_header(header: list[str]) -> None:
    missing = [column for column in COLUMNS if column not in header]
    unknown = [column for column in header if column not in COLUMNS]
    repeated = sorted({column for column in header if header.count(column) > 1})
    if missing or unknown or repeated:
        problems = []
        if missing:
            problems.append("missing: " + ", ".join(missing))
        if unknown:
            problems.append("not known: " + ", ".join(c or "(empty)" for c in unknown))
        if repeated:
            problems.append("repeated: " + ", ".join(repeated))
        raise CsvError(f"The header row must name the columns {', '.join(COLUMNS)} ({'; '.join(problems)}).")


def _cell(raw: dict[str, Any], column: str) -> str:
    # Undo the quote that export puts in front of formula-like cells, so a round trip is exact.
    return csv_unsafe(str(raw.get(column, "") or "").strip())


def row_clean(raw: dict[str, Any], *, organization: Organization) -> tuple[ImportRow | None, list[RowError]]:
    """One raw row → the arguments of `contractor_create`, or every problem in the row."""
    number = raw.get("_row", 0)
    errors: list[RowError] = []
    if raw.get("_extra"):
        errors.append(RowError(number, "", "This row has more cells than the header."))
    currency = (_cell(raw, "currency") or organization.currency).upper()
    capacity_text = _cell(raw, "capacity_hours")
    capacity = parse_hours(capacity_text, maximum=168) if capacity_text else 0
    if capacity is None:
        errors.append(RowError(number, "capacity_hours", "Enter hours a week between 0 and 168, such as 20 or 7.5."))
    rate_cents = 0
    if _cell(raw, "rate") and is_currency(currency):
        try:
            rate_cents = parse_amount(_cell(raw, "rate"), currency)
        except MoneyError as exc:
            errors.append(RowError(number, "rate", str(exc)))
    profile = {
        "kind": (_cell(raw, "kind") or "person").lower(),
        "name": _cell(raw, "name"),
        "email": _cell(raw, "email"),
        "company": _cell(raw, "company"),
        "website": _cell(raw, "website"),
        "skills": _cell(raw, "skills"),
        "time_zone": _cell(raw, "time_zone") or organization.time_zone,
        "currency": currency,
        "weekly_capacity_minutes": capacity or 0,
        "default_rate_cents": rate_cents,
    }
    try:
        profile = services.clean_profile(profile)
    except FieldErrors as exc:
        errors += [RowError(number, _COLUMN_FOR.get(f, f), message) for f, message in exc.errors.items()]
    status = (_cell(raw, "status") or EngagementStatus.PROSPECT).lower()
    if status not in EngagementStatus.values:
        errors.append(RowError(number, "status", f"Use one of: {', '.join(EngagementStatus.values)}."))
    notes = _cell(raw, "notes")
    if has_nul(notes) or len(notes) > 10_000:
        errors.append(RowError(number, "notes", "Notes are at most 10,000 characters of plain text."))
    if errors:
        return None, [_with_value(error, raw) for error in errors]
    zone_from_organization = not _cell(raw, "time_zone")
    return ImportRow(number, profile, status, notes, profile["weekly_capacity_minutes"], zone_from_organization), []


def _with_value(error: RowError, raw: dict[str, Any]) -> RowError:
    if error.value or error.field not in COLUMNS:
        return error
    return RowError(error.row, error.field, error.message, _cell(raw, error.field))


def rows_validate(rows: list[dict[str, Any]], *, organization: Organization) -> tuple[list[ImportRow], list[RowError]]:
    """Validate every row; also refuses e-mails already in the directory or repeated in the file."""
    known = engagement_email_set_for_organization(organization=organization)
    seen: dict[str, int] = {}
    valid: list[ImportRow] = []
    errors: list[RowError] = []
    for raw in rows:
        row, row_errors = row_clean(raw, organization=organization)
        if row is not None and (email := row.profile.get("email")):
            if email in known:
                row_errors.append(
                    RowError(row.row, "email", f"{email} is already in your contractor directory.", email)
                )
            elif email in seen:
                row_errors.append(RowError(row.row, "email", f"{email} is also on row {seen[email]}.", email))
            seen.setdefault(email, row.row)
        if row_errors:
            errors += row_errors
        else:
            valid.append(row)
    return valid, errors


def contractor_import(*, organization: Organization, actor: User, rows: list[dict[str, Any]]) -> list[Engagement]:
    """Create every row's contractor and engagement in one transaction, or none: raises
    ImportInvalid (listing every row error) when any row is invalid."""
    with transaction.atomic():
        valid, errors = rows_validate(rows, organization=organization)
        if errors:
            raise ImportInvalid(errors)
        engagements = [
            services.contractor_create(
                organization=organization,
                actor=actor,
                profile=row.profile,
                notes=row.notes,
                status=row.status,
                engagement_capacity_minutes=row.capacity_minutes,
            )
            for row in valid
        ]
        event_record(
            action=events.CONTRACTORS_IMPORTED,
            organization=organization,
            actor=actor,
            obj=organization,
            after={"count": len(engagements)},
        )
    return engagements


def engagement_csv_rows(engagements: Iterable[Engagement]) -> Iterator[list[str]]:
    """The directory as CSV rows (header first), one engagement at a time, for streaming."""
    yield COLUMNS
    for engagement in engagements:
        contractor = engagement.contractor
        cells = (
            contractor.name,
            contractor.email,
            contractor.kind,
            contractor.company,
            contractor.website,
            contractor.skills,
            contractor.time_zone,
            minutes_to_hours(engagement.weekly_capacity_minutes),
            amount_text(contractor.default_rate_cents, contractor.currency),
            contractor.currency,
            engagement.status,
            engagement.notes,
        )
        yield [csv_safe(cell) for cell in cells]
