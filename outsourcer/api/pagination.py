"""Pagination for every API list: `?limit=25&cursor=…` → `{"items": [...], "count": N, "next": "…"}`.

- `next` is an opaque, signed cursor: pass it back as `cursor` for the following page; it is null on
  the last page. For a list ordered by non-null columns down to the primary key (time entries, the
  ledger, contracts, contractors by name, …) it holds the last row's sort key, and the next page is
  the rows after it (keyset pagination: an index range scan that costs the same at any depth).
  Other lists (not ordered down to the id, or built in Python) hold an offset in it.
- `count` is the number of matching items counted up to COUNT_CAP, and null beyond: an exact count
  reads every matching row on every call, a cost that grows with the table (docs/performance.md).
- `offset` still works for existing clients; `cursor` wins when both are given.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field as ModelField
from django.db.models import Q, QuerySet
from ninja import Field, Schema
from ninja.errors import ValidationError
from ninja.pagination import PaginationBase, paginate

DEFAULT_LIMIT = 25
MAX_LIMIT = 100
# Far past any real list, and small enough that no database rejects the OFFSET.
MAX_OFFSET = 1_000_000
COUNT_CAP = 1_000
_SALT = "outsourcer.api.cursor"
BAD_CURSOR = "Not a cursor of this list: pass the `next` of the previous page."


@dataclass(frozen=True)
class PageReader:
    """A list whose selector reads a page and its capped count itself, in one hand-written statement
    (for the busiest lists, where compiling two ORM queries cost more than the database's answer).
    `order` names the keyset as `_keyset_fields` would ("-id"), so cursors are the same either way;
    `read(after, offset, limit, count_up_to)` returns (rows, count): the rows after the key `after`
    (None on the first page) past `offset` of them, at most `limit`, and the matching rows counted
    up to `count_up_to`. Rows are dicts holding the order's columns."""

    order: tuple[str, ...]
    read: Callable[[list | None, int, int, int], tuple[list, int]]


class Pagination(PaginationBase):
    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page.")
        cursor: str | None = Field(
            None,
            max_length=500,
            pattern=r"^[A-Za-z0-9_:\-]*$",  # what django.core.signing writes
            description="The `next` of the previous page; omit it for the first page.",
        )
        offset: int = Field(
            0, ge=0, le=MAX_OFFSET, description="Items to skip (older clients; `cursor` is cheaper on deep pages)."
        )

    class Output(Schema):
        items: list
        count: int | None = Field(
            description=f"Matching items, counted up to {COUNT_CAP:,}; null when there are more than that."
        )
        next: str | None = Field(description="The cursor of the following page; null on the last page.")

    def paginate_queryset(self, queryset, pagination: Input, request, **params) -> dict:
        if isinstance(queryset, PageReader):
            return _read_page(queryset, pagination)
        keys = _keyset_fields(queryset)
        signature = "|".join(f"{'-' if desc else ''}{name}" for name, desc, _ in keys) if keys else "offset"
        count = _capped_count(queryset)
        page, offset = queryset, pagination.offset
        if pagination.cursor:
            position = _read_cursor(pagination.cursor, signature)
            if keys:
                page, offset = page.filter(_after(keys, position)), 0
            else:
                offset = position
        rows = list(page[offset : offset + pagination.limit + 1])
        items, more = rows[: pagination.limit], len(rows) > pagination.limit
        following = None
        if more and keys:
            following = [_value_of(items[-1], name) for name, _, _ in keys]
        elif more:
            following = offset + pagination.limit
        next_cursor = None if following is None else _write_cursor(following, signature)
        return {"items": items, "count": count, "next": next_cursor}


def _read_page(reader: PageReader, pagination: Pagination.Input) -> dict:
    signature = "|".join(reader.order)
    after = _read_cursor(pagination.cursor, signature) if pagination.cursor else None
    offset = 0 if after is not None else pagination.offset
    rows, number = reader.read(after, offset, pagination.limit + 1, COUNT_CAP + 1)
    items, more = rows[: pagination.limit], len(rows) > pagination.limit
    names = [name.lstrip("-") for name in reader.order]
    following = [items[-1][name] for name in names] if more else None
    return {
        "items": items,
        "count": number if number <= COUNT_CAP else None,
        "next": None if following is None else _write_cursor(following, signature),
    }


def _capped_count(queryset) -> int | None:
    """COUNT over a LIMIT subquery: reads at most COUNT_CAP + 1 rows."""
    if not isinstance(queryset, QuerySet):
        number = len(queryset)
        return number if number <= COUNT_CAP else None
    # Without the list's order: it changes nothing in the count and could make the database sort.
    counted = queryset.order_by()
    if counted.query.values_select and counted.query.group_by is None and not counted.query.distinct:
        # A list of `.values()` rows is counted by its ids: the columns it reads (long text,
        # subqueries) change nothing in the count and would keep it off an index-only scan.
        counted = counted.values("pk")
    number = counted[: COUNT_CAP + 1].count()
    return number if number <= COUNT_CAP else None


def _keyset_fields(queryset) -> list[tuple[str, bool, ModelField]] | None:
    """(path, descending, field) of the queryset's ordering when keyset pagination can follow it:
    non-null columns, ending with the model's primary key. None otherwise (an offset cursor)."""
    if not isinstance(queryset, QuerySet):
        return None
    model = queryset.model
    order = list(queryset.query.order_by) or list(model._meta.ordering)
    fields = []
    for item in order:
        if not isinstance(item, str):
            return None
        descending, name = item.startswith("-"), item.lstrip("-")
        name = model._meta.pk.name if name == "pk" else name
        path, current = [], model
        try:
            for part in name.split("__"):
                path.append(current._meta.get_field(part))
                current = path[-1].related_model if path[-1].is_relation else current
        except FieldDoesNotExist:
            return None
        # A NULL anywhere on the way (a nullable relation too) has no place in a keyset comparison.
        field = path[-1]
        if any(step.null for step in path) or field.is_relation:
            return None
        fields.append((name, descending, field))
    if not fields or fields[-1][0] != model._meta.pk.name:
        return None
    return fields


def _value_of(item, path: str):
    if isinstance(item, dict):  # a `.values()` row
        return item[path]
    for part in path.split("__"):
        item = getattr(item, part)
    return item


def _after(keys: list[tuple[str, bool, ModelField]], position: list) -> Q:
    """Rows after `position` in the keys' order: (a > x) or (a = x and b > y) or …, plus a bound
    on the first key alone when every key runs the same way, so the database can start its index
    scan at the position instead of filtering from the top."""
    values = []
    for (_, _, field), raw in zip(keys, position, strict=True):
        try:
            values.append(field.to_python(raw))
        except Exception as exc:  # a signed cursor of an older version of the list
            raise _bad_cursor() from exc
    condition = Q()
    for i, (name, descending, _) in enumerate(keys):
        step = Q(**{f"{name}__{'lt' if descending else 'gt'}": values[i]})
        for (earlier, _, _), value in zip(keys[:i], values[:i], strict=True):
            step &= Q(**{earlier: value})
        condition |= step
    directions = {descending for _, descending, _ in keys}
    if len(directions) == 1:
        first, descending, _ = keys[0]
        condition &= Q(**{f"{first}__{'lte' if descending else 'gte'}": values[0]})
    return condition


def _plain(value):
    # Full precision (DjangoJSONEncoder would cut datetimes to milliseconds and skip rows).
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _write_cursor(position, signature: str) -> str:
    plain = json.loads(json.dumps(position, default=_plain))
    return signing.dumps({"s": signature, "p": plain}, salt=_SALT, compress=True)


def _read_cursor(cursor: str, signature: str):
    try:
        data = signing.loads(cursor, salt=_SALT)
    except signing.BadSignature as exc:
        raise _bad_cursor() from exc
    if not isinstance(data, dict) or data.get("s") != signature:
        raise _bad_cursor()
    position = data.get("p")
    if signature == "offset":
        if not isinstance(position, int) or not 0 <= position <= MAX_OFFSET:
            raise _bad_cursor()
    elif not isinstance(position, list) or len(position) != signature.count("|") + 1:
        raise _bad_cursor()
    return position


def _bad_cursor() -> ValidationError:
    return ValidationError([{"loc": ("query", "cursor"), "msg": BAD_CURSOR, "type": "value_error"}])


# Usage, under the router decorator: `@router.get("", response=with_errors({200: list[ItemOut]}))` then `@paginated`.
paginated = paginate(Pagination)
