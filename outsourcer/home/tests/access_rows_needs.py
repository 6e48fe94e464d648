"""Access-matrix rows for the home's "needs you today" API: every member reads their own
organization's (Oscar his own, through his token); contractors' portal tokens get 404."""

from outsourcer.oversight.services import deliverable_submit
from outsourcer.testing.work import make_task
from outsourcer.work import services
from tests.access_matrix import Row, expect

API_LIST = expect(401, 200, 200, 200, 404, 404, 200)


def _with_a_review_waiting(p):
    task = services.task_send(task=make_task(p, title="Matrix home"), actor=p.alice, override_reason="matrix")
    task = services.task_accept(task=task, contractor=task.contractor)
    deliverable_submit(task=task, contractor=task.contractor, links=["https://drive.example/x"])
    return {}


ROWS = [
    Row("/api/v1/home", API_LIST, api=True, kwargs=_with_a_review_waiting),
]
