"""The database engine for PostgreSQL (settings: DATABASE_URL): Django's, with the per-request
health check of a persistent connection (CONN_HEALTH_CHECKS) done without a round trip, and the
few statements every page sends kept prepared on each connection.

Django checks a reused connection on the first query of each request with `SELECT 1`: one round
trip on every request, the largest part of a light page's wait on a busy machine
(docs/performance.md). A connection that died while it sat idle between requests (the server
restarted, crashed, or ended it: pg_terminate_backend, idle_session_timeout, a pooler restarting)
has had its socket closed by the other side, and PostgreSQL writes a FATAL message first when it
ends a session itself: either way the socket is readable. A healthy idle connection has nothing
to read (no LISTEN here). So: readable, closed, broken or not idle → Django closes it and the
query opens a new one, as after a failed `SELECT 1`; else it is used as is. A peer that vanished
without closing (a cable pulled) is caught by neither check until TCP gives up; a connection that
dies between the check and the query fails that request, with either check.

Prepared statements (`execute_prepared`, used by lib.queries.fetch_models: the session with its
user, the nav's statement, the notifications page): PostgreSQL plans a statement every time it
receives its text, and planning the nav's statement costs it three to four times running it. A
statement prepared once per connection (`PREPARE`, sent on the raw cursor: setup, not one of the
page's queries) and then run by name (`EXECUTE name(params)`, through Django's cursor, so logged
and counted like any query) is planned once per connection; PostgreSQL replans it by itself
after a schema change. A prepared statement survives a rolled-back transaction and lives as long
as the connection, which is what the per-connection bookkeeping assumes: it is therefore off
(`DATABASE_PREPARED_STATEMENTS=false`, docs/deploy.md) behind a pooler in transaction mode such as
PgBouncer, whose next transaction may run on another server connection, and off with
`server_side_binding` (which cannot bind EXECUTE's parameters)."""

import hashlib
import select
from functools import lru_cache

from django.db.backends.postgresql.base import DatabaseWrapper as PostgreSQLDatabaseWrapper
from psycopg.pq import TransactionStatus

# Statements kept prepared per connection at most; past that, statements run as plain text.
MAX_PREPARED = 64


class DatabaseWrapper(PostgreSQLDatabaseWrapper):
    def close_if_health_check_failed(self):
        if self.pool or self.connection is None or not self.health_check_enabled or self.health_check_done:
            super().close_if_health_check_failed()
            return
        if not idle_connection_alive(self.connection):
            self.close()
        self.health_check_done = True

    @property
    def prepares_statements(self) -> bool:
        return (
            self.settings_dict.get("PREPARED_STATEMENTS", True)
            and not self.pool
            and not self.settings_dict["OPTIONS"].get("server_side_binding")
        )

    def execute_prepared(self, cursor, sql: str, params: list) -> None:
        """`cursor.execute(sql, params)`, the statement prepared on this connection the first time
        (`sql` with `%s` placeholders only). `cursor` is one of this connection's Django cursors."""
        statement = prepared_form(sql, len(params)) if self.prepares_statements else None
        if statement is None:
            cursor.execute(sql, params)
            return
        name, numbered, execute = statement
        # The names prepared on the raw connection, which ends with them (a new one starts empty).
        prepared = self.connection.__dict__.setdefault("outsourcer_prepared", set())
        if name not in prepared:
            if len(prepared) >= MAX_PREPARED:
                cursor.execute(sql, params)
                return
            with self.wrap_database_errors:
                cursor.cursor.execute(f"PREPARE {name} AS {numbered}")
            prepared.add(name)
        cursor.execute(execute, params)


@lru_cache(maxsize=256)
def prepared_form(sql: str, count: int) -> tuple[str, str, str] | None:
    """(name, the statement with $1…$n, the EXECUTE with `count` placeholders), or None when `sql`
    has a `%` other than its `count` placeholders (then it is sent as text)."""
    parts = sql.split("%s")
    if len(parts) != count + 1 or any("%" in part for part in parts):
        return None
    name = "q_" + hashlib.sha256(sql.encode()).hexdigest()[:20]
    numbered = "".join(part + (f"${i}" if i <= count else "") for i, part in enumerate(parts, 1))
    execute = f"EXECUTE {name}({', '.join(['%s'] * count)})" if count else f"EXECUTE {name}"
    return name, numbered, execute


def idle_connection_alive(connection) -> bool:
    """Whether a psycopg connection between requests looks usable, without sending anything."""
    try:
        if connection.closed or connection.broken or connection.info.transaction_status != TransactionStatus.IDLE:
            return False
        readable, _, _ = select.select([connection.fileno()], [], [], 0)
    except (OSError, ValueError, AttributeError):
        return False
    return not readable
