"""Access-matrix rows for the job form's similar-work partial (docs/similar.md): owners and
managers get it, a viewer may not, contractors and other organizations get 404. It saves nothing."""

from outsourcer.testing.work import make_task
from tests.access_matrix import Row, expect

RUNNERS_COMPUTE = expect(302, 200, 200, 403, 404, 404, 404)


def _org_with_task(p) -> dict:
    make_task(p, title="Refresh the shop photos")
    return {"org_slug": p.org.slug}


ROWS = [
    Row("hiring:job-similar", RUNNERS_COMPUTE, method="POST", kwargs=_org_with_task,
        data=lambda p: {"title": "Retake the shop photos", "goal": "Every product"}, wrote=None),
]  # fmt: skip
