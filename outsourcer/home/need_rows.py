"""The home's sections read in one statement: each section's domain selector gives its rows as an
ordered queryset, and `need_rows` sends them as one UNION ALL, every branch cut to the section's
first rows and put into one common shape (NeedRow). A section per query made the home page send
19 queries; the page budget is 12 (docs/oversight_home.md).

Each branch is `ordered.filter(pk__in=<ordered's first `limit` ids>)`: SQLite refuses a LIMIT or an
ORDER BY inside a compound statement, so the limit sits in the subquery, and the section's order
comes back as a ROW_NUMBER() over the same ordering, applied to the few rows left."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import models
from django.db.models import F, QuerySet, Subquery, Value, Window
from django.db.models.functions import Cast, RowNumber

# The common shape, in select order: what each branch may fill (the rest is NULL).
COLUMNS: dict[str, models.Field] = {
    "item_id": models.IntegerField(),  # the row's own id (task, deliverable, message, contract, event)
    "task_id": models.IntegerField(),
    "title": models.TextField(),  # what the item is about (a task's or contract's title, an object's name)
    "part": models.TextField(),  # a milestone's title, an event's object id
    "name": models.TextField(),  # the contractor's (or an event's actor's) name
    "at": models.DateTimeField(),  # when it started waiting (or happened)
    "on": models.DateField(),
    "text": models.TextField(),  # a question, a message, a check-in's note, an override's reason
    "number": models.IntegerField(),  # a version, a percent done
    "word": models.TextField(),  # a status, an action
    "extra": models.TextField(),  # a second word (an event's object type, a fallback name)
}


@dataclass(frozen=True)
class NeedRow:
    kind: str
    item_id: int
    task_id: int | None
    title: str | None
    part: str | None
    name: str | None
    at: datetime | None
    on: date | None
    text: str | None
    number: int | None
    word: str | None
    extra: str | None


def need_branch(kind: str, ordered: QuerySet, *, limit: int, **columns) -> QuerySet:
    """`ordered`'s first `limit` rows as one UNION branch of need_rows: `columns` maps COLUMNS'
    names to expressions on `ordered`'s model (F("task__title"), …); the others stay NULL."""
    unknown = set(columns) - set(COLUMNS)
    if unknown:
        raise ValueError(f"not a need row column: {sorted(unknown)}")
    select = {"need_kind": Value(kind, output_field=models.TextField())}
    for name, field in COLUMNS.items():
        expression = columns.get(name)
        if isinstance(expression, str):
            expression = F(expression)
        # A typed NULL: PostgreSQL types each column of a UNION from its first branches.
        select[f"need_{name}"] = expression if expression is not None else Cast(Value(None), output_field=field)
    order = list(ordered.query.order_by) or list(ordered.model._meta.ordering) or ["pk"]
    select["need_rank"] = Window(RowNumber(), order_by=order)
    first = Subquery(ordered.values("pk")[:limit])
    return ordered.filter(pk__in=first).order_by().values(**select)


def need_rows(branches: list[QuerySet]) -> dict[str, list[NeedRow]]:
    """Every branch's rows in one query, by kind, each kind's in its branch's order."""
    if not branches:
        return {}
    first, *rest = branches
    found: dict[str, list[tuple[int, NeedRow]]] = {}
    # The union would take the first model's Meta.ordering: the order is each row's rank instead.
    for row in first.union(*rest, all=True).order_by() if rest else first:
        need = NeedRow(kind=row["need_kind"], **{name: row[f"need_{name}"] for name in COLUMNS})
        found.setdefault(need.kind, []).append((row["need_rank"], need))
    return {kind: [need for _, need in sorted(rows, key=lambda pair: pair[0])] for kind, rows in found.items()}
