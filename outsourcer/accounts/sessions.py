"""The session engine (SESSION_ENGINE): Django's database sessions, read with one hand-written
statement. Every signed-in request loads its session; building the ORM query for it cost more than
the database's answer (docs/performance.md). Writing, expiry and clearing are Django's own."""

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router
from django.utils import timezone


class SessionStore(DatabaseSessionStore):
    def load(self) -> dict:
        # Same rows as the parent's `Session.objects.get(session_key=…, expire_date__gt=now)`.
        model = self.model
        connection = connections[router.db_for_read(model)]
        quote = connection.ops.quote_name
        table = quote(model._meta.db_table)
        sql = f"SELECT session_data FROM {table} WHERE session_key = %s AND expire_date > %s"  # noqa: S608 - a table name
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.session_key, connection.ops.adapt_datetimefield_value(timezone.now())])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return {}
        return self.decode(row[0])
