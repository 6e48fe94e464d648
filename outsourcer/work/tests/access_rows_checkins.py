"""Access-matrix rows for check-ins (tests/access_matrix.py), concatenated into access_rows.ROWS.

The cadence: owners and managers set it (viewers 403), from the task page or the API; Carol
posts check-ins on her own task in progress, Dan and the organization's members get 404, as does
Oscar at Crumb's address."""

from outsourcer.testing.work import make_task
from outsourcer.work import services
from outsourcer.work.services.checkins import checkin_cadence_set
from tests.access_matrix import Row, expect

CAROLS_OWN_POST = expect(302, 404, 404, 404, 302, 404, 404)
CAROLS_OWN_INVALID = expect(302, 404, 404, 404, 400, 404, 404)
RUN_POST = expect(302, 302, 302, 403, 404, 404, 404)
RUN_INVALID = expect(302, 400, 400, 403, 404, 404, 404)
API_READ = expect(401, 200, 200, 200, 404, 404, 404)
API_WRITE = expect(401, 200, 200, 403, 404, 404, 404)
API_DELETE = expect(401, 204, 204, 403, 404, 404, 404)
API_CAROLS = expect(401, 404, 404, 404, 200, 404, 404)
API_CAROLS_CREATE = expect(401, 404, 404, 404, 201, 404, 404)
API_SCHEMA = expect(401, 422, 422, 422, 422, 422, 422)
CHECK_IN = {"status": "at_risk", "percent_done": 40, "note": "Oven broke"}


def _in_progress(p, *, cadence: bool = False):
    task = services.task_send(task=make_task(p, title="Matrix check-ins"), actor=p.alice, override_reason="matrix")
    task = services.task_accept(task=task, contractor=task.contractor)
    task = services.task_start(task=task, contractor=task.contractor)
    if cadence:
        checkin_cadence_set(task=task, actor=p.alice, kind="weekly", weekday=0)
    return task


def _page(p):
    return {"org_slug": p.org.slug, "task_id": _in_progress(p).pk}


def _portal(p):
    return {"task_id": _in_progress(p).pk}


def _api(p):
    return {"task_id": _in_progress(p).pk}


def _api_with_cadence(p):
    return {"task_id": _in_progress(p, cadence=True).pk}


ROWS = [
    Row("checkins:cadence", RUN_POST, method="POST", kwargs=_page, data=lambda p: {"kind": "weekly", "weekday": "0"}),
    Row("checkins:cadence", RUN_INVALID, method="POST", kwargs=_page, note="every 0 days",
        data=lambda p: {"kind": "working_days", "every_days": "0"}),
    Row("checkins-portal:post", CAROLS_OWN_POST, method="POST", kwargs=_portal,
        data=lambda p: {**CHECK_IN, "percent_done": "40"}),
    Row("checkins-portal:post", CAROLS_OWN_INVALID, method="POST", kwargs=_portal, note="150 %",
        data=lambda p: {**CHECK_IN, "percent_done": "150"}),
    Row("/api/v1/tasks/{task_id}/checkins", API_READ, api=True, kwargs=_api),
    Row("/api/v1/tasks/{task_id}/checkin-cadence", API_WRITE, method="PUT", api=True, kwargs=_api,
        data=lambda p: {"kind": "working_days", "every_days": 3}),
    Row("/api/v1/tasks/{task_id}/checkin-cadence", API_SCHEMA, method="PUT", api=True, kwargs=_api,
        data=lambda p: {"kind": "weekly", "weekday": 9}, wrote=None, note="schema: weekday 9"),
    Row("/api/v1/tasks/{task_id}/checkin-cadence", API_DELETE, method="DELETE", api=True, kwargs=_api_with_cadence),
    Row("/api/v1/portal/tasks/{task_id}/checkins", API_CAROLS, api=True, kwargs=_api),
    Row("/api/v1/portal/tasks/{task_id}/checkins", API_CAROLS_CREATE, method="POST", api=True, kwargs=_api,
        data=lambda p: CHECK_IN),
    Row("/api/v1/portal/tasks/{task_id}/checkins", API_SCHEMA, method="POST", api=True, kwargs=_api,
        data=lambda p: {**CHECK_IN, "note": "x\x00"}, wrote=None, note="schema: NUL"),
]  # fmt: skip
