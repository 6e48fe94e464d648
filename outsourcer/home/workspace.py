"""The caller's workspace for the nav and the home page: their organizations, whether they have a
contractor portal, their unread notifications. It reads three domains, so it lives here, above
them; each domain owns its own query."""

from dataclasses import dataclass
from functools import cached_property

from outsourcer.accounts.models import Membership, User
from outsourcer.accounts.selectors import membership_list_and_facts_for_user
from outsourcer.contractors.selectors import contractor_exists_for_user_sql
from outsourcer.messaging.selectors import (
    message_unread_count_for_contractor_sql,
    message_unread_count_for_organization_sql,
)
from outsourcer.notifications.selectors import notification_unread_count_sql


@dataclass
class Workspace:
    user: User
    # The organization whose page this is (its unread task messages go on its Tasks link), if any.
    organization_id: int | None = None

    @cached_property
    def _nav(self) -> tuple[list[Membership], bool, int, int, int, int, int]:
        """(memberships, has a contractor profile, unread notifications, the four unread message
        counts): the nav asks all of them on every page, so one statement: the memberships with the
        owners' subqueries (index lookups) as columns, instead of ORM queries whose building costs
        more than their answers (docs/performance.md)."""
        org, user = self.organization_id, self.user.pk
        facts = [
            contractor_exists_for_user_sql(user_id=user),
            notification_unread_count_sql(user_id=user),
            message_unread_count_for_organization_sql(organization_id=org, subject="task"),
            message_unread_count_for_contractor_sql(user_id=user, subject="task"),
            message_unread_count_for_organization_sql(organization_id=org, subject="job"),
            message_unread_count_for_contractor_sql(user_id=user, subject="job"),
        ]
        memberships, (is_contractor, unread, *messages) = membership_list_and_facts_for_user(
            user=self.user, facts=facts
        )
        return memberships, bool(is_contractor), int(unread), *(int(count or 0) for count in messages)

    @cached_property
    def memberships(self) -> list[Membership]:
        return self._nav[0]

    @cached_property
    def is_contractor(self) -> bool:
        return self._nav[1]

    @cached_property
    def unread_notifications(self) -> int:
        """Same count as notifications.selectors.notification_unread_count."""
        return self._nav[2]

    @cached_property
    def unread_task_messages(self) -> int:
        """The contractors' unread messages in the tasks of `organization_id` (0 without one)."""
        return self._nav[3]

    @cached_property
    def unread_portal_messages(self) -> int:
        """The organizations' delivered messages about their tasks the user, as a contractor, has not read."""
        return self._nav[4]

    @cached_property
    def unread_job_messages(self) -> int:
        """The bidders' unread questions on the jobs of `organization_id` (0 without one)."""
        return self._nav[5]

    @cached_property
    def unread_portal_job_messages(self) -> int:
        """The organizations' delivered answers to the user's job questions, unread."""
        return self._nav[6]


def workspace_for_user(user: User, organization_id: int | None = None) -> Workspace:
    """Lazy: the queries run only if the template asks for organizations or the portal link."""
    return Workspace(user=user, organization_id=organization_id)
