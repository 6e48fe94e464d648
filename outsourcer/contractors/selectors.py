"""Reads for contractors and engagements, used by pages and the API."""

from django.db import connection
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from outsourcer.accounts.models import Invitation, Organization
from outsourcer.audit.models import Event
from outsourcer.contractors.models import Contractor, Engagement, EngagementStatus
from outsourcer.lib.queries import fetch_models, model_columns


def contractor_for_user(*, user_id: int) -> Contractor | None:
    """The contractor profile of the account `user_id`, or None. Every portal page and portal API
    call asks: one hand-written statement (lib.queries.fetch_models), the same row as
    `Contractor.objects.filter(user_id=…).first()`."""
    table = connection.ops.quote_name(Contractor._meta.db_table)
    sql = f"SELECT {model_columns(Contractor, 'c')} FROM {table} c WHERE c.user_id = %s ORDER BY c.id LIMIT 1"  # noqa: S608
    rows = fetch_models(sql, [user_id], Contractor)
    return rows[0][0] if rows else None


def contractor_counts_for_organization(*, organization: Organization) -> dict[str, int]:
    """Engagement counts per status, plus "total", in one query."""
    aggregates = {status: Count("pk", filter=Q(status=status)) for status in EngagementStatus.values}
    counts = Engagement.objects.filter(organization=organization).aggregate(total=Count("pk"), **aggregates)
    return counts


def _skill_filter(skill: str) -> Q:
    # Skills are stored normalized ("design, product photography"), so one skill matches as a
    # whole item, never as part of another ("photo" must not match "photography").
    skill = " ".join(skill.strip().lower().split())
    field = "contractor__skills"
    return (
        Q(**{field: skill})
        | Q(**{f"{field}__startswith": f"{skill}, "})
        | Q(**{f"{field}__endswith": f", {skill}"})
        | Q(**{f"{field}__contains": f", {skill}, "})
    )


def engagement_list_for_organization(
    organization: Organization, *, search: str = "", skill: str = "", status: str = ""
) -> QuerySet[Engagement]:
    """The organization's engagements with their contractor, ordered by name; `search` matches
    name, company, e-mail or skills case-insensitively, `skill` one whole skill, `status` exactly."""
    engagements = Engagement.objects.filter(organization=organization).select_related("contractor")
    search = search.strip()
    if search:
        engagements = engagements.filter(
            Q(contractor__name__icontains=search)
            | Q(contractor__company__icontains=search)
            | Q(contractor__email__icontains=search)
            | Q(contractor__skills__icontains=search)
        )
    if skill.strip():
        engagements = engagements.filter(_skill_filter(skill))
    if status:
        engagements = engagements.filter(status=status)
    return engagements.order_by("contractor__name", "pk")


def skill_list_for_organization(*, organization: Organization) -> list[str]:
    """Every distinct skill among the organization's contractors, sorted (one query)."""
    rows = (
        Engagement.objects.filter(organization=organization)
        .exclude(contractor__skills="")
        .values_list("contractor__skills", flat=True)
        .distinct()
    )
    return sorted({skill for skills in rows for skill in skills.split(", ") if skill})


def engagement_email_set_for_organization(*, organization: Organization) -> set[str]:
    """Lower-cased e-mail addresses of the organization's contractors (to spot duplicates on import)."""
    rows = Engagement.objects.filter(organization=organization).exclude(contractor__email="")
    return set(rows.values_list("contractor__email", flat=True))


def event_list_for_engagement(*, engagement: Engagement, limit: int = 10) -> list[Event]:
    """The most recent audit events about this engagement, newest first."""
    return list(
        Event.objects.filter(
            organization_id=engagement.organization_id,
            object_type=Engagement._meta.label_lower,
            object_id=str(engagement.pk),
        )
        .select_related("actor")
        .order_by("-created_at", "-id")[:limit]
    )


def invitation_pending_for_engagement(*, engagement: Engagement) -> Invitation | None:
    """The engagement's open contractor invitation, if one is waiting to be accepted."""
    return (
        Invitation.objects.filter(
            engagement=engagement, accepted_at=None, revoked_at=None, expires_at__gt=timezone.now()
        )
        .order_by("-created_at")
        .first()
    )


def capacity_given_minutes(*, contractor: Contractor, excluding: Engagement | None = None) -> int:
    """Minutes a week the contractor has promised to organizations they still work with (ended
    engagements do not count), leaving out `excluding` when given."""
    engagements = Engagement.objects.filter(contractor=contractor).exclude(status=EngagementStatus.ENDED)
    if excluding is not None:
        engagements = engagements.exclude(pk=excluding.pk)
    return engagements.aggregate(total=Sum("weekly_capacity_minutes"))["total"] or 0


def engagement_list_for_contractor(*, contractor: Contractor) -> QuerySet[Engagement]:
    """Every organization the contractor works for, with the organization loaded, by name."""
    return (
        Engagement.objects.filter(contractor=contractor)
        .select_related("organization")
        .order_by("organization__name", "pk")
    )


def contractor_exists_for_user_sql(*, user_id: int) -> tuple[str, list]:
    """(SQL, params) of a scalar subquery: does the account have a contractor profile? The nav
    asks on every page, so home/workspace.py sends this and the unread count as one statement
    (docs/performance.md); test_workspace pins it to the ORM answer."""
    return "EXISTS(SELECT 1 FROM contractors_contractor WHERE user_id = %s)", [user_id]
