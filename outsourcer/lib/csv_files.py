"""CSV downloads: the formula guard for text cells and the one streaming writer."""

import csv
from collections.abc import Iterable, Iterator
from typing import Any

from django.http import StreamingHttpResponse

# Spreadsheets run a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def csv_safe(value: Any) -> str:
    """A text cell a spreadsheet shows as text, never runs as a formula. Only for text: a negative
    amount ("-12.50") would be quoted too, so number columns are written as they are."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_unsafe(value: str) -> str:
    """Undo csv_safe, so a file exported and imported again reads exactly as it was."""
    return value[1:] if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_STARTS else value


class _Echo:
    # csv.writer wants a file; this one hands each formatted line back instead of storing it.
    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """Each row as one CSV line, produced as the rows are (for streaming large files)."""
    writer = csv.writer(_Echo())
    for row in rows:
        yield writer.writerow(row)


def csv_response(rows: Iterable[Iterable[Any]], *, filename: str, bom: bool = True) -> StreamingHttpResponse:
    """Stream `rows` as a CSV download. The byte-order mark makes spreadsheet programs open the file
    as UTF-8 (the contractor import skips it)."""
    lines = csv_lines(rows)
    response = StreamingHttpResponse(_prepend(BOM, lines) if bom else lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _prepend(first: str, lines: Iterator[str]) -> Iterator[str]:
    yield first
    yield from lines
