"""Access-matrix rows for similar work (docs/similar.md): owners and managers ask, a viewer may
not (it is advice for whoever creates work), contractors' tokens get 404 like every organization
endpoint, and Oscar gets his own organization's (empty) answer. It saves nothing."""

from outsourcer.testing.work import make_task
from tests.access_matrix import Row, expect

RUNNERS_ASK = expect(401, 200, 200, 403, 404, 404, 200)
SCHEMA = expect(401, 422, 422, 422, 422, 422, 422)


def _alices_task(p) -> dict:
    make_task(p, title="Refresh the shop photos")
    return {}


ROWS = [
    Row("/api/v1/tasks/similar", RUNNERS_ASK, method="POST", api=True, kwargs=_alices_task,
        data=lambda p: {"title": "Retake the shop photos", "brief": "Every product"}, wrote=None),
    Row("/api/v1/tasks/similar", SCHEMA, method="POST", api=True,
        data=lambda p: {"title": "Shop photos", "brief": "x\x00"}, wrote=None, note="schema: NUL"),
]  # fmt: skip
