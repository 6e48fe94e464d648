"""The caller's workspace for the nav and the home page: their organizations, whether they have a
contractor portal, their unread notifications. It reads three domains, so it lives here, above
them; each domain owns its own query."""

from dataclasses import dataclass
from functools import cached_property

from django.db import connection

from outsourcer.accounts.models import Membership, User
from outsourcer.accounts.selectors import membership_list_for_user
from outsourcer.contractors.selectors import contractor_exists_for_user_sql
from outsourcer.notifications.selectors import notification_unread_count_sql


@dataclass
class Workspace:
    user: User

    @cached_property
    def memberships(self) -> list[Membership]:
        return membership_list_for_user(user=self.user)

    @cached_property
    def _nav_facts(self) -> tuple[bool, int]:
        """(has a contractor profile, unread notifications): the nav asks both on every page, so
        one statement of the two owners' subqueries (two index lookups) instead of two ORM
        queries, whose building costs more than the lookups (docs/performance.md)."""
        is_contractor_sql, is_contractor_params = contractor_exists_for_user_sql(user_id=self.user.pk)
        unread_sql, unread_params = notification_unread_count_sql(user_id=self.user.pk)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {is_contractor_sql}, {unread_sql}", [*is_contractor_params, *unread_params])
            is_contractor, unread = cursor.fetchone()
        return bool(is_contractor), int(unread)

    @cached_property
    def is_contractor(self) -> bool:
        return self._nav_facts[0]

    @cached_property
    def unread_notifications(self) -> int:
        """Same count as notifications.selectors.notification_unread_count."""
        return self._nav_facts[1]


def workspace_for_user(user: User) -> Workspace:
    """Lazy: the queries run only if the template asks for organizations or the portal link."""
    return Workspace(user=user)
