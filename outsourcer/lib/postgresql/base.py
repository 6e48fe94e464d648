"""The database engine for PostgreSQL (settings: DATABASE_URL): Django's, with the per-request
health check of a persistent connection (CONN_HEALTH_CHECKS) done without a round trip.

Django checks a reused connection on the first query of each request with `SELECT 1`: one round
trip on every request, the largest part of a light page's wait on a busy machine
(docs/performance.md). A connection that died while it sat idle between requests (the server
restarted, crashed, or ended it: pg_terminate_backend, idle_session_timeout, a pooler restarting)
has had its socket closed by the other side, and PostgreSQL writes a FATAL message first when it
ends a session itself: either way the socket is readable. A healthy idle connection has nothing
to read (no LISTEN here). So: readable, closed, broken or not idle → Django closes it and the
query opens a new one, as after a failed `SELECT 1`; else it is used as is. A peer that vanished
without closing (a cable pulled) is caught by neither check until TCP gives up; a connection that
dies between the check and the query fails that request, with either check."""

import select

from django.db.backends.postgresql.base import DatabaseWrapper as PostgreSQLDatabaseWrapper
from psycopg.pq import TransactionStatus


class DatabaseWrapper(PostgreSQLDatabaseWrapper):
    def close_if_health_check_failed(self):
        if self.pool or self.connection is None or not self.health_check_enabled or self.health_check_done:
            super().close_if_health_check_failed()
            return
        if not idle_connection_alive(self.connection):
            self.close()
        self.health_check_done = True


def idle_connection_alive(connection) -> bool:
    """Whether a psycopg connection between requests looks usable, without sending anything."""
    try:
        if connection.closed or connection.broken or connection.info.transaction_status != TransactionStatus.IDLE:
            return False
        readable, _, _ = select.select([connection.fileno()], [], [], 0)
    except (OSError, ValueError, AttributeError):
        return False
    return not readable
