"""The JSON API under /api/v1: one NinjaAPI, one router per domain (`outsourcer/<domain>/api.py`).

To add a domain: write `router = Router(tags=["…"])` in its api.py, declare each operation's
statuses with `response=with_errors({200: …}, write=…)` (outsourcer/api/errors.py), resolve the
caller with `org_context(request, action)` / `contractor_context(request)` (outsourcer/api/auth.py),
and add one `api.add_router(...)` line below.
"""

from django.contrib.auth.decorators import login_required
from ninja import NinjaAPI
from ninja.openapi.views import openapi_json

from outsourcer.accounts.api import router as accounts_router
from outsourcer.api.auth import API_AUTH
from outsourcer.api.errors import register_error_handlers
from outsourcer.contractors.api import portal_router
from outsourcer.contractors.api import router as contractors_router

DESCRIPTION = """
Authenticate with a personal token from *Your account → API tokens*:
`Authorization: Bearer osr_…`. A token works in the one organization it was created for, or in
the contractor portal. Signed-in browsers may also call the API with their session (send the
CSRF token on writes); their organization is the one they last opened.

Errors are JSON: `{"detail": "…", "code": "…", "errors": {"field": "message"}}`.
Money is integer minor units (`*_cents`) with an ISO 4217 `currency`; durations are minutes.
Lists take `limit` (1–100, default 25) and answer `{"items": [...], "count": N, "next": "…"}`: pass
`next` back as `cursor` for the following page (null on the last page). `count` is exact up to
1,000 and null beyond. `offset` still works, but `cursor` costs the same on any page.
"""


def _docs_for_signed_in_users(view):
    # ninja wraps both the schema and the docs page with docs_decorator: the schema stays public so
    # tools can read it; the interactive docs are for signed-in users.
    if getattr(view, "func", None) is openapi_json:
        return view
    return login_required(view)


api = NinjaAPI(
    title="Outsourcer API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=API_AUTH,
    docs_decorator=_docs_for_signed_in_users,
)
register_error_handlers(api)

api.add_router("", accounts_router)
api.add_router("/contractors", contractors_router)
api.add_router("/portal", portal_router)
api.add_router("/budgets", "outsourcer.budgets.api.router")
api.add_router("/contracts", "outsourcer.contracts.api.router")
api.add_router("/time-entries", "outsourcer.contracts.api.time_router")
api.add_router("/portal", "outsourcer.contracts.api.portal_router")
api.add_router("/briefs", "outsourcer.work.api.router")
api.add_router("/jobs", "outsourcer.hiring.api.jobs.router")
api.add_router("/portal", "outsourcer.hiring.api.bids.portal_router")
api.add_router("/jobs", "outsourcer.hiring.api.bids.router")
api.add_router("", "outsourcer.hiring.api.references.router")
api.add_router("/interviews", "outsourcer.hiring.api.interviews.router")
api.add_router("/portal", "outsourcer.hiring.api.interviews.portal_router")
api.add_router("/hiring", "outsourcer.hiring.api.award.router")
api.add_router("/tasks", "outsourcer.work.api.similar.similar_router")
api.add_router("/tasks", "outsourcer.work.api.task_router")
api.add_router("/portal", "outsourcer.work.api.portal_router")
api.add_router("/tasks", "outsourcer.work.api.checkins.checkin_router")
api.add_router("/portal", "outsourcer.work.api.checkins.checkin_portal_router")
api.add_router("/calendar", "outsourcer.work.api.feed_router")
api.add_router("/oversight", "outsourcer.oversight.api.router")
api.add_router("/portal", "outsourcer.oversight.api.portal_router")
api.add_router("/utilization", "outsourcer.oversight.api_utilization.utilization_router")
api.add_router("", "outsourcer.oversight.api_feedback.router")
api.add_router("/portal", "outsourcer.oversight.api_feedback.portal_router")
api.add_router("/contractors", "outsourcer.oversight.api_performance.router")
api.add_router("/home", "outsourcer.home.api.router")
api.add_router("/health", "outsourcer.oversight.api_health.health_router")
