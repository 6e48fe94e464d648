"""Query helpers shared by every domain's selectors."""

from functools import lru_cache

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import Model, QuerySet


def filter_given[Q: QuerySet](queryset: Q, **lookups) -> Q:
    """Filter by each lookup whose value was given: an empty filter (``""``, ``None``, ``0``) means
    "any", as list pages and the API pass every filter whether the user set it or not."""
    given = {lookup: value for lookup, value in lookups.items() if value}
    return queryset.filter(**given) if given else queryset


def model_columns(model: type[Model], alias: str) -> str:
    """`alias."col", …` for every concrete field of `model`, in the order `fetch_models` reads them."""
    return _columns(model, alias, connection.vendor)


@lru_cache(maxsize=256)
def _columns(model: type[Model], alias: str, vendor: str) -> str:
    # Every signed-in page asks for the same few (`vendor`: quoting is the backend's).
    quote = connection.ops.quote_name
    return ", ".join(f"{quote(alias)}.{quote(f.column)}" for f in model._meta.concrete_fields)


def fetch_models(sql: str, params: list, *models: type[Model], leading: int = 0) -> list[tuple]:
    """Instances from a hand-written SELECT whose columns are `model_columns` of each model in turn,
    built as the ORM builds them (the backend's and the fields' converters, `Model.from_db`).
    `leading` plain columns may come first: each tuple starts with their values as read. A model
    whose primary key is NULL (an outer join that matched nothing) comes back as None.

    For the few queries every page sends (the signed-in user, the nav's memberships): compiling an
    ORM query costs several times what the database takes to answer it (docs/performance.md).
    On PostgreSQL the statement is kept prepared on the connection (lib/postgresql: planned once
    per connection, not on every page)."""
    readers = [_reader(model) for model in models]
    with connection.cursor() as cursor:
        execute_prepared(cursor, sql, params)
        rows = cursor.fetchall()
    out = []
    for row in rows:
        start, instances = leading, list(row[:leading])
        for model, names, pk_index, compiler, converters in readers:
            values = row[start : start + len(names)]
            start += len(names)
            if values[pk_index] is None:
                instances.append(None)
                continue
            if converters:
                values = next(iter(compiler.apply_converters([list(values)], converters)))
            instances.append(model.from_db(connection.alias, names, values))
        out.append(tuple(instances))
    return out


def execute_prepared(cursor, sql: str, params: list) -> None:
    """`cursor.execute(sql, params)`; on PostgreSQL the statement is kept prepared on the connection
    (lib/postgresql), so a statement whose text never changes is planned once per connection."""
    prepared = getattr(connection, "execute_prepared", None)
    if prepared is None:
        cursor.execute(sql, params)
    else:
        prepared(cursor, sql, params)


def _reader(model: type[Model]) -> tuple:
    """(model, attribute names, index of the primary key, compiler, converters), kept on the
    thread's connection: finding the converters walks every field, and they belong to that
    connection's backend."""
    # `connection` is a proxy shared by every thread; the wrapper behind it is the thread's own.
    cache = connections[DEFAULT_DB_ALIAS].__dict__.setdefault("_fetch_models_readers", {})
    if model not in cache:
        fields = model._meta.concrete_fields
        compiler = model._default_manager.all().query.get_compiler(connection=connection)
        converters = compiler.get_converters([field.get_col(model._meta.db_table) for field in fields])
        pk_index = next(i for i, f in enumerate(fields) if f.primary_key)
        cache[model] = (model, [f.attname for f in fields], pk_index, compiler, converters)
    return cache[model]
