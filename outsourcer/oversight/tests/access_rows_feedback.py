"""Access-matrix rows for feedback and performance (tests/access_matrix.py), concatenated into
oversight's access_rows.ROWS.

Every member reads the feedback given and owed; owners and managers give feedback (viewers 403),
never on their own work (Carol as a manager too: 403). Carol reads the feedback on her work and
rates Crumb on her own finished task; Dan reads his own (empty) feedback and reaches none of
Carol's tasks. A contractor's rating records no audit event (it would name who rated), so its
rows probe the ratings table."""

from outsourcer.oversight.models import Feedback, OrganizationRating
from outsourcer.testing.oversight import make_deliverable
from outsourcer.testing.work import make_task
from outsourcer.work.services import task_accept, task_send
from tests.access_matrix import (
    ORG_READ,
    ORG_RUN_POST,
    OWN_WORK_API_CREATE,
    OWN_WORK_POST,
    PORTAL_READ,
    Row,
    as_contractor_manager,
    count,
    expect,
)

RUNNERS_FORM = expect(302, 200, 200, 403, 404, 404, 404)
RUN_INVALID = expect(302, 400, 400, 403, 404, 404, 404)
CAROLS_OWN_READ = expect(302, 404, 404, 404, 200, 404, 404)
CAROLS_OWN_POST = expect(302, 404, 404, 404, 302, 404, 404)
CAROLS_OWN_INVALID = expect(302, 404, 404, 404, 400, 404, 404)
API_LIST = expect(401, 200, 200, 200, 404, 404, 200)
API_READ = expect(401, 200, 200, 200, 404, 404, 404)
API_CREATE = expect(401, 201, 201, 403, 404, 404, 404)
API_PORTAL_LIST = expect(401, 404, 404, 404, 200, 200, 404)
API_CAROLS_CREATE = expect(401, 404, 404, 404, 201, 404, 404)
API_SCHEMA = expect(401, 422, 422, 422, 422, 422, 422)
FEEDBACK = {"quality": 5, "timeliness": 4, "communication": 4, "comment": "Lovely", "private_note": "Pricey"}
RATING = {"brief_clarity": 4, "responsiveness": 5, "payment_timeliness": 3}
RATINGS = count(OrganizationRating)


def _accepted_deliverable(p):
    # Sent with an override: the matrix runs on today's clock, where the builders' deadline is past.
    task = task_send(task=make_task(p, title="Matrix feedback"), actor=p.alice, override_reason="matrix")
    task = task_accept(task=task, contractor=task.contractor)
    return make_deliverable(p, task, review="accept")


def _org(p):
    return {"org_slug": p.org.slug}


def _accepted(p):
    return {"org_slug": p.org.slug, "deliverable_id": _accepted_deliverable(p).pk}


def _api_accepted(p):
    return {"deliverable_id": _accepted_deliverable(p).pk}


def _finished_task(p):
    return {"task_id": _accepted_deliverable(p).task_id}


def _engagement(p):
    return {"engagement_id": p.carol_engagement.pk}


PAGE_ROWS = [
    Row("feedback:list", ORG_READ, kwargs=_org),
    Row("feedback:owed", ORG_READ, kwargs=_org),
    Row("feedback:give", RUNNERS_FORM, kwargs=_accepted),
    Row("feedback:give", ORG_RUN_POST, method="POST", kwargs=_accepted, get_allowed=True,
        data=lambda p: {**FEEDBACK, "quality": "5", "timeliness": "4", "communication": "4"}),
    Row("feedback:give", RUN_INVALID, method="POST", kwargs=_accepted, get_allowed=True, note="no ratings",
        data=lambda p: {"comment": "Lovely"}),
    Row("feedback:give", OWN_WORK_POST, method="POST", kwargs=as_contractor_manager(_accepted), get_allowed=True,
        note="Carol on her own work", data=lambda p: {"quality": "5", "timeliness": "5", "communication": "5"}),
    Row("feedback-portal:list", PORTAL_READ),
    Row("feedback-portal:rate", CAROLS_OWN_READ, kwargs=_finished_task),
    Row("feedback-portal:rate", CAROLS_OWN_POST, method="POST", kwargs=_finished_task, get_allowed=True,
        wrote=RATINGS, data=lambda p: {"brief_clarity": "4", "responsiveness": "5", "payment_timeliness": "3"}),
    Row("feedback-portal:rate", CAROLS_OWN_INVALID, method="POST", kwargs=_finished_task, get_allowed=True,
        wrote=RATINGS, note="7 stars", data=lambda p: {"brief_clarity": "7", "responsiveness": "5",
                                                       "payment_timeliness": "3"}),
]  # fmt: skip

API_ROWS = [
    Row("/api/v1/feedback", API_LIST, api=True),
    Row("/api/v1/feedback/owed", API_LIST, api=True),
    Row("/api/v1/deliverables/{deliverable_id}/feedback", API_CREATE, method="POST", api=True,
        kwargs=_api_accepted, data=lambda p: FEEDBACK, wrote=count(Feedback)),
    Row("/api/v1/deliverables/{deliverable_id}/feedback", OWN_WORK_API_CREATE, method="POST", api=True,
        kwargs=as_contractor_manager(_api_accepted), data=lambda p: FEEDBACK, wrote=count(Feedback),
        note="Carol on her own work"),
    Row("/api/v1/deliverables/{deliverable_id}/feedback", API_SCHEMA, method="POST", api=True,
        kwargs=_api_accepted, data=lambda p: {**FEEDBACK, "quality": 6}, wrote=None, note="schema: 6 stars"),
    Row("/api/v1/portal/feedback", API_PORTAL_LIST, api=True),
    Row("/api/v1/portal/tasks/{task_id}/rating", API_CAROLS_CREATE, method="POST", api=True,
        kwargs=_finished_task, data=lambda p: RATING, wrote=RATINGS),
    Row("/api/v1/portal/tasks/{task_id}/rating", API_SCHEMA, method="POST", api=True,
        kwargs=_finished_task, data=lambda p: {**RATING, "comment": "x\x00"}, wrote=None, note="schema: NUL"),
    Row("/api/v1/contractors/{engagement_id}/performance", API_READ, api=True, kwargs=_engagement),
]  # fmt: skip

ROWS = PAGE_ROWS + API_ROWS
