"""Access-matrix rows for work: the brief check, the task pages, the contractor's task pages and the
tasks API (tests/access_matrix.py).

The brief check computes and saves nothing (`wrote=None`). Every member may ask; contractors'
portal tokens get 404 like every organization endpoint. By contractor id, Oscar's organization
does not engage Carol (404); by hand, he gets his own answer.

Tasks: every member reads, owners and managers write; Carol reaches only her own sent tasks (a
draft is the organization's), Dan none of them, and Oscar's organization none of Alice's.
"""

from outsourcer.budgets.models import Budget
from outsourcer.contracts.models import Contract
from outsourcer.testing.builders import make_budget
from outsourcer.testing.rows import insert_hourly_contract
from outsourcer.testing.work import make_task
from outsourcer.work import services
from outsourcer.work.tests.access_rows_calendar import ROWS as CALENDAR_ROWS
from outsourcer.work.tests.access_rows_checkins import ROWS as CHECKIN_ROWS
from outsourcer.work.tests.access_rows_similar import ROWS as SIMILAR_ROWS
from tests.access_matrix import ORG_READ, ORG_RUN_POST, PORTAL_READ, Row, expect

BRIEF = {"goal": "Menu photos for the spring menu", "deadline": "2025-03-21T17:00:00+01:00", "estimate_hours": 8}
RUNNERS_FORM = expect(302, 200, 200, 403, 404, 404, 404)
INVALID_RUN_POST = expect(302, 400, 400, 403, 404, 404, 404)
RUNNERS_COMPUTE = expect(302, 200, 200, 403, 404, 404, 404)
CAROLS_OWN_READ = expect(302, 404, 404, 404, 200, 404, 404)
CAROLS_OWN_POST = expect(302, 404, 404, 404, 302, 404, 404)
NOBODYS = expect(302, 404, 404, 404, 404, 404, 404)
API_LIST = expect(401, 200, 200, 200, 404, 404, 200)
API_READ = expect(401, 200, 200, 200, 404, 404, 404)
API_WRITE = expect(401, 200, 200, 403, 404, 404, 404)
API_CREATE = expect(401, 201, 201, 403, 404, 404, 404)
API_PORTAL_LIST = expect(401, 404, 404, 404, 200, 200, 404)
API_CAROLS = expect(401, 404, 404, 404, 200, 404, 404)
API_SCHEMA = expect(401, 422, 422, 422, 422, 422, 422)


def _contract(p, organization=None) -> Contract:
    # One contract per organization, however many times a row asks (kwargs and data both do).
    organization = organization or p.org
    engagement = p.carol_engagement if organization == p.org else p.dan_engagement
    existing = Contract.objects.filter(organization=organization, title="Matrix tasks").first()
    if existing:
        return existing
    budget = Budget.objects.filter(organization=organization, name="Matrix tasks").first() or make_budget(
        p, organization=organization, name="Matrix tasks", amount_cents=10**9
    )
    return insert_hourly_contract(budget, engagement, title="Matrix tasks")


def _task(p, status="draft", organization=None):
    task = make_task(p, _contract(p, organization))
    owner = p.alice if task.organization == p.org else p.oscar
    if status == "draft":
        return task
    task = services.task_send(task=task, actor=owner, override_reason="matrix")
    contractor = task.contractor
    steps = {
        "question": [lambda t: services.task_ask(task=t, contractor=contractor, question="Which dishes?")],
        "accepted": [lambda t: services.task_accept(task=t, contractor=contractor)],
        "in_progress": [
            lambda t: services.task_accept(task=t, contractor=contractor),
            lambda t: services.task_start(task=t, contractor=contractor),
        ],
        "submitted": [
            lambda t: services.task_accept(task=t, contractor=contractor),
            lambda t: services.task_start(task=t, contractor=contractor),
            lambda t: services.task_submit(task=t, contractor=contractor),
        ],
    }
    for step in steps.get(status, []):
        task = step(task)
    return task


def _org(p):
    return {"org_slug": p.org.slug}


def _in(status, organization=None, api=False):
    def kwargs(p):
        task = _task(p, status, organization=p.other_org if organization == "oscar" else None)
        return {"task_id": task.pk} if api else {"org_slug": p.org.slug, "task_id": task.pk}

    return kwargs


def _portal(status):
    return lambda p: {"task_id": _task(p, status).pk}


def _new_task(p):
    return {"contract": _contract(p).pk, "title": "Matrix task", "priority": "normal"}


BRIEF_ROWS = [
    Row("/api/v1/briefs/check", expect(401, 200, 200, 200, 404, 404, 404), method="POST", api=True,
        data=lambda p: {**BRIEF, "contractor_id": p.carol_contractor.pk}, wrote=None, note="Carol by id"),
    Row("/api/v1/briefs/check", expect(401, 200, 200, 200, 404, 404, 200), method="POST", api=True,
        data=lambda p: {**BRIEF, "time_zone": "Europe/Lisbon", "weekly_capacity_hours": 20}, wrote=None,
        note="contractor by hand"),
    Row("/api/v1/briefs/check", API_SCHEMA, method="POST", api=True,
        data=lambda p: {**BRIEF, "time_zone": "Europe/Lisbon", "goal": "x\x00"}, wrote=None, note="schema: NUL"),
]  # fmt: skip

PAGE_ROWS = [
    Row("tasks:list", ORG_READ, kwargs=_org),
    Row("tasks:create", RUNNERS_FORM, kwargs=_org),
    Row("tasks:create", ORG_RUN_POST, method="POST", kwargs=_org, data=_new_task, get_allowed=True),
    Row("tasks:create", INVALID_RUN_POST, method="POST", kwargs=_org, get_allowed=True, note="no title",
        data=lambda p: {**_new_task(p), "title": ""}),
    Row("tasks:check", RUNNERS_COMPUTE, method="POST", kwargs=_org, data=_new_task, wrote=None),
    Row("tasks:detail", ORG_READ, kwargs=_in("draft")),
    Row("tasks:detail", NOBODYS, kwargs=_in("draft", "oscar"), note="Oscar's task at Crumb's address"),
    Row("tasks:edit", RUNNERS_FORM, kwargs=_in("draft")),
    Row("tasks:edit", ORG_RUN_POST, method="POST", kwargs=_in("draft"), get_allowed=True,
        data=lambda p: {"title": "Renamed", "priority": "high"}),
    Row("tasks:send", ORG_RUN_POST, method="POST", kwargs=_in("draft"), data=lambda p: {"text": "Agreed by phone"}),
    Row("tasks:answer", ORG_RUN_POST, method="POST", kwargs=_in("question"), data=lambda p: {"text": "The cakes."}),
    Row("tasks:done", ORG_RUN_POST, method="POST", kwargs=_in("submitted")),
    Row("tasks:cancel", ORG_RUN_POST, method="POST", kwargs=_in("sent")),
    Row("tasks:milestone-add", ORG_RUN_POST, method="POST", kwargs=_in("draft"),
        data=lambda p: {"title": "Drafts", "due_on": "2025-03-19", "amount": "120"}),
    Row("tasks-portal:list", PORTAL_READ),
    Row("tasks-portal:detail", CAROLS_OWN_READ, kwargs=_portal("sent")),
    Row("tasks-portal:detail", NOBODYS, kwargs=_portal("draft"), note="a draft stays the organization's"),
    Row("tasks-portal:accept", CAROLS_OWN_POST, method="POST", kwargs=_portal("sent")),
    Row("tasks-portal:decline", CAROLS_OWN_POST, method="POST", kwargs=_portal("sent"),
        data=lambda p: {"text": "Fully booked"}),
    Row("tasks-portal:ask", CAROLS_OWN_POST, method="POST", kwargs=_portal("sent"),
        data=lambda p: {"text": "Which dishes?"}),
    Row("tasks-portal:start", CAROLS_OWN_POST, method="POST", kwargs=_portal("accepted")),
    Row("tasks-portal:submit", CAROLS_OWN_POST, method="POST", kwargs=_portal("in_progress")),
]  # fmt: skip


def _api_task(p):
    return {"contract_id": _contract(p).pk, "title": "API task", "goal": "Photos", "acceptance_criteria": ["Sharp"]}


API_ROWS = [
    Row("/api/v1/tasks", API_LIST, api=True),
    Row("/api/v1/tasks", API_CREATE, method="POST", api=True, data=_api_task),
    Row("/api/v1/tasks", API_SCHEMA, method="POST", api=True, data=lambda p: {**_api_task(p), "goal": "x\x00"},
        wrote=None, note="schema: NUL"),
    Row("/api/v1/tasks/{task_id}", API_READ, api=True, kwargs=_in("draft", api=True)),
    Row("/api/v1/tasks/{task_id}", expect(401, 404, 404, 404, 404, 404, 200), api=True,
        kwargs=_in("draft", "oscar", api=True), note="Oscar's task"),
    Row("/api/v1/tasks/{task_id}", API_WRITE, method="PATCH", api=True, kwargs=_in("draft", api=True),
        data=lambda p: {"title": "Renamed"}),
    Row("/api/v1/tasks/{task_id}/send", API_WRITE, method="POST", api=True, kwargs=_in("draft", api=True),
        data=lambda p: {"override_reason": "Agreed by phone"}),
    Row("/api/v1/tasks/{task_id}/answer", API_WRITE, method="POST", api=True, kwargs=_in("question", api=True),
        data=lambda p: {"answer": "The cakes."}),
    Row("/api/v1/tasks/{task_id}/done", API_WRITE, method="POST", api=True, kwargs=_in("submitted", api=True)),
    Row("/api/v1/tasks/{task_id}/cancel", API_WRITE, method="POST", api=True, kwargs=_in("sent", api=True)),
    Row("/api/v1/tasks/{task_id}/milestones", API_READ, api=True, kwargs=_in("draft", api=True)),
    Row("/api/v1/tasks/{task_id}/milestones", API_CREATE, method="POST", api=True, kwargs=_in("draft", api=True),
        data=lambda p: {"title": "Drafts", "due_on": "2025-03-19", "amount_cents": 12000}),
    Row("/api/v1/portal/tasks", API_PORTAL_LIST, api=True),
    Row("/api/v1/portal/tasks/{task_id}", API_CAROLS, api=True, kwargs=_portal("sent")),
    Row("/api/v1/portal/tasks/{task_id}", expect(401, 404, 404, 404, 404, 404, 404), api=True,
        kwargs=_portal("draft"), note="a draft"),
    Row("/api/v1/portal/tasks/{task_id}/accept", API_CAROLS, method="POST", api=True, kwargs=_portal("sent")),
    Row("/api/v1/portal/tasks/{task_id}/decline", API_CAROLS, method="POST", api=True, kwargs=_portal("sent"),
        data=lambda p: {"reason": "Fully booked"}),
    Row("/api/v1/portal/tasks/{task_id}/ask", API_CAROLS, method="POST", api=True, kwargs=_portal("sent"),
        data=lambda p: {"question": "Which dishes?"}),
    Row("/api/v1/portal/tasks/{task_id}/start", API_CAROLS, method="POST", api=True, kwargs=_portal("accepted")),
    Row("/api/v1/portal/tasks/{task_id}/submit", API_CAROLS, method="POST", api=True,
        kwargs=_portal("in_progress")),
]  # fmt: skip

ROWS = BRIEF_ROWS + PAGE_ROWS + API_ROWS + CHECKIN_ROWS + CALENDAR_ROWS + SIMILAR_ROWS

from outsourcer.work.tests.access_rows_threads import ROWS as THREAD_ROWS  # noqa: E402 - it reads the above

ROWS += THREAD_ROWS
