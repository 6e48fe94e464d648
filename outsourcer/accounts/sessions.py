"""The session engine (SESSION_ENGINE): Django's database sessions in `accounts.Session`, whose row
carries the signed-in user's id, read with one hand-written statement that brings the user too.
Every signed-in request loads its session and its user; building the ORM queries for them cost
more than the database's answers, and two round trips cost more than one (docs/performance.md).
Writing, expiry, cycling and `clearsessions` are Django's own.

The user read with the session is only used by `EmailBackend.get_user`, called by Django's
`auth.get_user` (session hash, backend and `is_active` checks unchanged) inside
`SessionUserMiddleware`, for the user id the session's data names."""

import functools
from contextvars import ContextVar

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connection
from django.utils import timezone

from outsourcer.lib.queries import fetch_models, model_columns

# The session of the request whose user Django is loading (set by SessionUserMiddleware for the
# duration of `auth.get_user` only).
loading_user_of: ContextVar["SessionStore | None"] = ContextVar("loading_user_of", default=None)


class SessionStore(DatabaseSessionStore):
    _loaded_user = None  # the user row joined to the session row by `load`, if any

    @classmethod
    def get_model_class(cls):
        from outsourcer.accounts.models import Session

        return Session

    def load(self) -> dict:
        # Same session row as the parent's `Session.objects.get(session_key=…, expire_date__gt=now)`,
        # and the user its `user_id` names.
        from outsourcer.accounts.models import User

        sql = _load_sql(connection.vendor, self.model._meta.db_table)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        rows = fetch_models(sql, [self.session_key, now], User, leading=1)
        self._loaded_user = None
        if not rows:
            self._session_key = None
            return {}
        data, self._loaded_user = rows[0]
        return self.decode(data)

    def loaded_user(self, user_id: int):
        """The user read with the session if it is `user_id`, else None (then ask the database)."""
        user = self._loaded_user
        return user if user is not None and user.pk == user_id else None

    def create_model_instance(self, data):
        instance = super().create_model_instance(data)
        instance.user_id = _user_id(data)
        return instance

    async def acreate_model_instance(self, data):
        instance = await super().acreate_model_instance(data)
        instance.user_id = _user_id(data)
        return instance


@functools.cache
def _load_sql(vendor: str, table: str) -> str:
    from outsourcer.accounts.models import User

    quote = connection.ops.quote_name
    return (
        f"SELECT s.session_data, {model_columns(User, 'u')} FROM {quote(table)} s "  # noqa: S608 - metadata
        f"LEFT JOIN {quote(User._meta.db_table)} u ON u.id = s.user_id "
        "WHERE s.session_key = %s AND s.expire_date > %s"
    )


def _user_id(data: dict) -> int | None:
    try:
        return int(data[SESSION_KEY])
    except (KeyError, TypeError, ValueError):
        return None
