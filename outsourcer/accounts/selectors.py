"""Reads for accounts and organizations."""

from django.db.models import Q, QuerySet

from outsourcer.accounts.models import ApiToken, Invitation, Membership, Organization, User
from outsourcer.accounts.roles import Role


def membership_list_for_user(*, user: User) -> list[Membership]:
    """The user's memberships with their organizations, by organization name."""
    return list(Membership.objects.filter(user=user).select_related("organization").order_by("organization__name"))


def membership_list_for_alerts(*, user: User) -> list[Membership]:
    """The user's memberships that budget alerts can reach (owner or manager), by organization name."""
    return list(
        Membership.objects.filter(user=user, role__in=[Role.OWNER, Role.MANAGER])
        .select_related("organization")
        .order_by("organization__name")
    )


def membership_list_for_organization(*, organization: Organization, q: str = "", role: str = ""):
    """The organization's members with their accounts, by e-mail; `q` matches name or e-mail."""
    memberships = Membership.objects.filter(organization=organization).select_related("user")
    if q:
        memberships = memberships.filter(Q(user__name__icontains=q) | Q(user__email__icontains=q))
    if role:
        memberships = memberships.filter(role=role)
    return memberships.order_by("user__email")


def membership_list_owners_and_runners(*, organization_id: int, runner_ids: list[QuerySet]) -> QuerySet[Membership]:
    """The organization's active owners, and its managers whose user id is in one of the
    `runner_ids` subqueries (who runs the work at hand), with their users."""
    runs = Q(pk__in=[])
    for user_ids in runner_ids:
        runs |= Q(user__in=user_ids)
    return (
        Membership.objects.filter(organization_id=organization_id, user__is_active=True)
        .filter(Q(role=Role.OWNER) | (Q(role=Role.MANAGER) & runs))
        .select_related("user")
        .order_by("pk")
    )


def owner_count_for_organization(*, organization: Organization) -> int:
    return Membership.objects.filter(organization=organization, role=Role.OWNER).count()


def invitation_list_pending_for_organization(*, organization: Organization):
    from django.utils import timezone

    return (
        Invitation.objects.filter(
            organization=organization,
            kind=Invitation.Kind.MEMBER,
            accepted_at=None,
            revoked_at=None,
            expires_at__gt=timezone.now(),
        )
        .select_related("invited_by")
        .order_by("-created_at")
    )


def token_list_for_user(*, user: User):
    return ApiToken.objects.filter(user=user, revoked_at=None).select_related("organization").order_by("-created_at")
