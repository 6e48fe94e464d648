"""Reads for accounts and organizations."""

from django.db import connection
from django.db.models import Q, QuerySet

from outsourcer.accounts.models import ApiToken, Invitation, Membership, Organization, User
from outsourcer.accounts.roles import Role
from outsourcer.lib.queries import fetch_models, model_columns


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def membership_list_for_user(*, user: User) -> list[Membership]:
    """The user's memberships with their organizations, by organization name. The nav asks on every
    page: one hand-written statement (lib.queries.fetch_models), same rows as
    `Membership.objects.filter(user=user).select_related("organization").order_by("organization__name")`."""
    return membership_list_and_facts_for_user(user=user, facts=[])[0]


def membership_list_and_facts_for_user(*, user: User, facts: list[tuple[str, list]]) -> tuple[list[Membership], tuple]:
    """`membership_list_for_user` and, in the same statement, the value of each scalar subquery in
    `facts` ((SQL, params) pairs from their owners): the nav asks its other questions (portal
    link, unread count) in the round trip of the memberships (docs/performance.md)."""
    # Only model metadata and the owners' subqueries are formatted in; every value is a parameter.
    # One row even without memberships (the LEFT JOIN from a one-row table): then m's columns are NULL.
    columns = [f"{sql} AS fact{i}" for i, (sql, _) in enumerate(facts)]
    columns += [model_columns(Membership, "m"), model_columns(Organization, "o")]
    sql = (
        f"SELECT {', '.join(columns)} FROM (SELECT 1 AS one) one "  # noqa: S608
        f"LEFT JOIN ({_table(Membership)} m JOIN {_table(Organization)} o ON o.id = m.organization_id) "
        "ON m.user_id = %s ORDER BY o.name, m.id"
    )
    params = [param for _, fact_params in facts for param in fact_params] + [user.pk]
    rows = fetch_models(sql, params, Membership, Organization, leading=len(facts))
    memberships = []
    organization_field = Membership._meta.get_field("organization")
    for *_, membership, organization in rows:
        if membership is not None:
            organization_field.set_cached_value(membership, organization)
            memberships.append(membership)
    return memberships, tuple(rows[0][: len(facts)])


def user_for_session(*, user_id) -> User | None:
    """The signed-in user of a request (the auth backend's `get_user`, on every request): one
    hand-written statement, the same row as `User.objects.filter(pk=user_id).first()`."""
    sql = f"SELECT {model_columns(User, 'u')} FROM {_table(User)} u WHERE u.id = %s"  # noqa: S608 - metadata only
    rows = fetch_models(sql, [user_id], User)
    return rows[0][0] if rows else None


def membership_for_user(
    *, user_id: int, organization_id: int | None = None, slug: str | None = None
) -> Membership | None:
    """The user's membership of the organization named by `organization_id` or `slug`, with its
    organization, or None. Every organization page and API call asks (accounts.access): one
    hand-written statement, the same row as `Membership.objects.select_related("organization")
    .filter(user_id=…, organization_id=… | organization__slug=…).first()`."""
    column, value = ("m.organization_id", organization_id) if slug is None else ("o.slug", slug)
    sql = (
        f"SELECT {model_columns(Membership, 'm')}, {model_columns(Organization, 'o')} "  # noqa: S608 - metadata only
        f"FROM {_table(Membership)} m JOIN {_table(Organization)} o ON o.id = m.organization_id "
        f"WHERE m.user_id = %s AND {column} = %s ORDER BY m.id LIMIT 1"
    )
    rows = fetch_models(sql, [user_id, value], Membership, Organization)
    if not rows:
        return None
    membership, organization = rows[0]
    Membership._meta.get_field("organization").set_cached_value(membership, organization)
    return membership


def api_token_for_digest(*, digest: str) -> ApiToken | None:
    """The unrevoked token of an active user with this digest, with its user and organization, or
    None. Every API call with a token asks: one hand-written statement, the same row as
    `ApiToken.objects.select_related("user", "organization").filter(digest=…, revoked_at=None,
    user__is_active=True).first()`."""
    sql = (
        f"SELECT {model_columns(ApiToken, 't')}, {model_columns(User, 'u')}, "  # noqa: S608 - metadata only
        f"{model_columns(Organization, 'o')} FROM {_table(ApiToken)} t "
        f"JOIN {_table(User)} u ON u.id = t.user_id LEFT JOIN {_table(Organization)} o ON o.id = t.organization_id "
        "WHERE t.digest = %s AND t.revoked_at IS NULL AND u.is_active = %s ORDER BY t.id LIMIT 1"
    )
    rows = fetch_models(sql, [digest, True], ApiToken, User, Organization)
    if not rows:
        return None
    token, user, organization = rows[0]
    ApiToken._meta.get_field("user").set_cached_value(token, user)
    ApiToken._meta.get_field("organization").set_cached_value(token, organization)
    return token


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
