"""Reads for accounts and organizations."""

from dataclasses import dataclass
from functools import cached_property

from django.db import connection
from django.db.models import Q

from outsourcer.accounts.models import ApiToken, Invitation, Membership, Organization, User
from outsourcer.accounts.roles import Role


@dataclass
class Workspace:
    user: User

    @cached_property
    def memberships(self) -> list[Membership]:
        return list(
            Membership.objects.filter(user=self.user).select_related("organization").order_by("organization__name")
        )

    @cached_property
    def _nav_facts(self) -> tuple[bool, int]:
        """(has a contractor profile, unread notifications): the nav asks both on every page, so
        one hand-written statement (two index lookups) instead of two ORM queries, whose building
        costs more than the lookups (docs/performance.md)."""
        sql = (
            "SELECT EXISTS(SELECT 1 FROM contractors_contractor WHERE user_id = %s), "
            "(SELECT COUNT(*) FROM notifications_notification WHERE user_id = %s AND read_at IS NULL)"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.user.pk, self.user.pk])
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


def membership_list_for_organization(*, organization: Organization, q: str = "", role: str = ""):
    """The organization's members with their accounts, by e-mail; `q` matches name or e-mail."""
    memberships = Membership.objects.filter(organization=organization).select_related("user")
    if q:
        memberships = memberships.filter(Q(user__name__icontains=q) | Q(user__email__icontains=q))
    if role:
        memberships = memberships.filter(role=role)
    return memberships.order_by("user__email")


def owner_count_for_organization(*, organization: Organization) -> int:
    return Membership.objects.filter(organization=organization, role=Role.OWNER).count()


def invitation_list_pending_for_organization(*, organization: Organization):
    from django.utils import timezone

    return (
        Invitation.objects.filter(
            organization=organization, kind=Invitation.Kind.MEMBER, accepted_at=None, revoked_at=None,
            expires_at__gt=timezone.now(),
        )
        .select_related("invited_by")
        .order_by("-created_at")
    )  # fmt: skip


def token_list_for_user(*, user: User):
    return ApiToken.objects.filter(user=user, revoked_at=None).select_related("organization").order_by("-created_at")
