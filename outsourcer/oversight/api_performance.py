"""A contractor's performance with the organization through the API (mounted at /contractors, by
engagement id like the contractor operations): the same figures and monthly history as the
contractor's page (oversight/selectors/performance.py)."""

from datetime import date

from django.http import HttpRequest
from ninja import Router, Schema

from outsourcer.api.auth import org_context
from outsourcer.api.errors import with_errors
from outsourcer.api.schemas import ObjectId
from outsourcer.budgets.periods import today_for
from outsourcer.contractors.access import access_engagement
from outsourcer.oversight.selectors.performance import performance_for_engagement

router = Router(tags=["contractors"])


class MonthOut(Schema):
    month: date
    due: int
    on_time: int
    on_time_percent: int | None
    accepted: int
    first_time: int
    first_time_percent: int | None
    ratings: int
    average_rating: float | None


class PerformanceOut(Schema):
    on_time_percent: int | None
    tasks_due: int
    tasks_on_time: int
    handovers_due: int
    handovers_on_time: int
    first_time_percent: int | None
    accepted: int
    first_time: int
    average_rating: float | None
    feedback_count: int
    quality: float | None
    timeliness: float | None
    communication: float | None
    reply_hours: float | None
    replies: int
    accept_hours: float | None
    tasks_accepted: int
    history: list[MonthOut]


@router.get(
    "/{engagement_id}/performance",
    operation_id="contractor_performance_get",
    response=with_errors({200: PerformanceOut}),
)
def contractor_performance_get(request: HttpRequest, engagement_id: ObjectId):
    """On-time %, first-time acceptance %, average ratings, response times (median hours) and the
    last 12 months, for one engagement."""
    ctx = org_context(request, "contractor.view")
    engagement = access_engagement(ctx, engagement_id)
    return performance_for_engagement(engagement=engagement, today=today_for(ctx.organization))
