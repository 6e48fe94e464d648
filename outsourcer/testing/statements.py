"""The text of the statements a test captured, prepared ones included: on PostgreSQL the
statements every page sends run as `EXECUTE q_…(params)` (outsourcer/lib/postgresql), whose
text is the one PostgreSQL keeps for that name on the connection."""

from django.db import connection


def statement_texts(captured) -> list[str]:
    """The SQL of each statement in a CaptureQueriesContext, an EXECUTE replaced by what it runs."""
    texts = []
    for query in captured.captured_queries:
        sql = query["sql"]
        if connection.vendor == "postgresql" and sql.startswith("EXECUTE q_"):
            name = sql.removeprefix("EXECUTE ").split("(", 1)[0]
            with connection.cursor() as cursor:
                cursor.execute("SELECT statement FROM pg_prepared_statements WHERE name = %s", [name])
                sql = cursor.fetchone()[0].removeprefix(f"PREPARE {name} AS ")
        texts.append(sql)
    return texts
