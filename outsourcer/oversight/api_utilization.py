"""Utilization and the consolidation advisor (mounted at /utilization). Every member reads
("oversight.view"); a contractor's portal token gets 404. Of a contractor's other clients only
the capacity left shows, never their tasks."""

from datetime import date

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from outsourcer.api.auth import org_context
from outsourcer.api.errors import with_errors
from outsourcer.api.schemas import Moment
from outsourcer.budgets.periods import today_for
from outsourcer.contractors.models import Engagement
from outsourcer.lib.access import one_or_404
from outsourcer.lib.limits import MAX_WEEK_HOURS
from outsourcer.oversight.selectors.consolidation import consolidation_for_organization
from outsourcer.oversight.selectors.utilization import (
    capacity_check,
    capacity_left_for_contractor,
    utilization_for_organization,
)

utilization_router = Router(tags=["utilization"])


class WeekOut(Schema):
    monday: date
    capacity_minutes: int
    own_allocated_minutes: int = Field(description="Your tasks' share of the week.")
    own_logged_minutes: int = Field(description="Time logged for you in the week.")
    left_minutes: int = Field(description="Capacity left after every client's allocation and logged time.")
    percent: int | None = Field(description="Share of the capacity used, all clients; null without capacity.")
    state: str = Field(description="over (> 100 %), under (< 50 %), ok, or unknown (no capacity).")


class ContractorUseOut(Schema):
    contractor_id: int
    engagement_id: int
    name: str
    weeks: list[WeekOut]


class UtilizationOut(Schema):
    monday: date
    contractors: list[ContractorUseOut]


class OverbookedWeekOut(Schema):
    monday: date
    capacity_minutes: int
    left_before_minutes: int
    task_minutes: int
    percent_after: int | None


class CapacityOut(Schema):
    contractor_id: int
    weeks: list[WeekOut]
    overbooked_weeks: list[OverbookedWeekOut] = Field(
        description="With estimate_minutes and deadline_at: the weeks such a task would book past capacity."
    )


class CapacityQuery(Schema):
    estimate_minutes: int | None = Field(None, ge=1, le=MAX_WEEK_HOURS * 60 * 52)
    deadline_at: Moment | None = None


class ShareOut(Schema):
    contractor_id: int
    name: str = Field(validation_alias="contractor_name")
    spend_cents: int
    time_spend_cents: int
    minutes: int
    tasks: int


class SuggestionOut(Schema):
    target_id: int
    target_name: str
    trust: int
    from_names: list[str]
    moved_minutes_per_month: int
    moved_minutes_per_week: int
    current_cents_per_month: int
    spare_minutes_per_week: int
    weekly_minutes_after: int
    rate_cents: int | None
    rate_source: str
    projected_cents_per_month: int | None
    saving_cents_per_month: int | None


class AreaOut(Schema):
    budget_id: int
    name: str
    currency: str
    spend_cents: int
    tasks: int
    shares: list[ShareOut]
    suggestion: SuggestionOut | None
    why_not: str


class ConsolidationOut(Schema):
    since: date
    areas: list[AreaOut]


def _week(week) -> dict:
    return {
        "monday": week.monday,
        "capacity_minutes": week.capacity_minutes,
        "own_allocated_minutes": week.own_allocated_minutes,
        "own_logged_minutes": week.own_logged_minutes,
        "left_minutes": week.left_minutes,
        "percent": week.percent,
        "state": week.state,
    }


@utilization_router.get("", operation_id="utilization_get", response=with_errors({200: UtilizationOut}))
def utilization_get(request: HttpRequest):
    """Every active contractor's current week and the three after it."""
    ctx = org_context(request, "oversight.view")
    data = utilization_for_organization(
        organization=ctx.organization, today=today_for(ctx.organization), now=timezone.now()
    )
    contractors = [
        {
            "contractor_id": row.contractor.pk,
            "engagement_id": row.engagement_id,
            "name": row.contractor.name,
            "weeks": [_week(week) for week in row.weeks],
        }
        for row in data.rows
    ]
    return {"monday": data.monday, "contractors": contractors}


@utilization_router.get(
    "/contractors/{contractor_id}", operation_id="contractor_capacity_get", response=with_errors({200: CapacityOut})
)
def contractor_capacity_get(request: HttpRequest, contractor_id: int, query: Query[CapacityQuery]):
    """The capacity a contractor the organization engages has left; with `estimate_minutes` and
    `deadline_at`, the weeks a task like that would over-book them (across all their clients)."""
    ctx = org_context(request, "oversight.view")
    engagement = one_or_404(
        Engagement.objects.filter(organization=ctx.organization, contractor_id=contractor_id).select_related(
            "contractor"
        )
    )
    contractor, today, now = engagement.contractor, today_for(ctx.organization), timezone.now()
    weeks = capacity_left_for_contractor(
        contractor=contractor, today=today, now=now, organization_id=ctx.organization.pk
    )
    over = capacity_check(
        contractor=contractor,
        estimate_minutes=query.estimate_minutes,
        deadline_at=query.deadline_at,
        today=today,
        now=now,
    )
    return {"contractor_id": contractor.pk, "weeks": [_week(week) for week in weeks], "overbooked_weeks": over}


@utilization_router.get(
    "/consolidation", operation_id="consolidation_get", response=with_errors({200: ConsolidationOut})
)
def consolidation_get(request: HttpRequest):
    """The consolidation advisor: per area, the last 90 days and a suggestion where one fits."""
    ctx = org_context(request, "oversight.view")
    return consolidation_for_organization(
        organization=ctx.organization, today=today_for(ctx.organization), now=timezone.now()
    )
