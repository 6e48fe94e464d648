"""Access-matrix rows for hand-overs (tests/access_matrix.py): every member reads the Reviews list,
a deliverable and its files; owners and managers decide; Carol hands over on her own task and
reads only her own deliverables; Dan and Oscar's organization reach none of Alice's."""

from django.core.files.base import ContentFile

from outsourcer.oversight.models import DeliverableFile
from outsourcer.oversight.services import deliverable_submit
from outsourcer.testing.oversight import PDF_BYTES, make_working_task
from outsourcer.work.tests.access_rows import CAROLS_OWN_POST, CAROLS_OWN_READ
from tests.access_matrix import ORG_READ, ORG_RUN_POST, PORTAL_READ, Row, expect

API_LIST = expect(401, 200, 200, 200, 404, 404, 200)
API_READ = expect(401, 200, 200, 200, 404, 404, 404)
API_DECIDE = expect(401, 200, 200, 403, 404, 404, 404)
API_PORTAL_LIST = expect(401, 404, 404, 404, 200, 200, 404)
API_CAROLS = expect(401, 404, 404, 404, 200, 404, 404)
CHANGES = {"reasons": ["incomplete"], "comment": "Two dishes are missing."}


def _handed_over(p, *, with_file: bool = False):
    task = make_working_task(p, override_reason="matrix")
    deliverable = deliverable_submit(task=task, contractor=task.contractor, links=["https://drive.example/menu"])
    if with_file:
        stored = DeliverableFile(
            organization_id=deliverable.organization_id,
            version=deliverable.versions.get(),
            name="menu.pdf",
            size=len(PDF_BYTES),
            kind="pdf",
        )
        stored.file.save("matrix.pdf", ContentFile(PDF_BYTES), save=False)
        stored.save()
        return deliverable, stored
    return deliverable, None


def _org(*, with_file: bool = False):
    def kwargs(p):
        deliverable, stored = _handed_over(p, with_file=with_file)
        values = {"org_slug": p.org.slug, "deliverable_id": deliverable.pk}
        return {**values, "file_id": stored.pk} if stored else values

    return kwargs


def _portal(*, with_file: bool = False):
    def kwargs(p):
        deliverable, stored = _handed_over(p, with_file=with_file)
        values = {"deliverable_id": deliverable.pk}
        return {**values, "file_id": stored.pk} if stored else values

    return kwargs


def _api(p):
    return {"deliverable_id": _handed_over(p)[0].pk}


def _working_task(p):
    return {"task_id": make_working_task(p, override_reason="matrix").pk}


ROWS = [
    Row("oversight:reviews", ORG_READ, kwargs=lambda p: {"org_slug": p.org.slug}),
    Row("oversight:deliverable", ORG_READ, kwargs=_org()),
    Row("oversight:deliverable-file", ORG_READ, kwargs=_org(with_file=True)),
    Row("oversight:deliverable-review", ORG_RUN_POST, method="POST", kwargs=_org(),
        data=lambda p: {"decision": "accept"}),
    Row("oversight:deliverable-review", ORG_RUN_POST, method="POST", kwargs=_org(),
        data=lambda p: {"decision": "changes", **CHANGES}, note="changes"),
    Row("oversight-portal:list", PORTAL_READ),
    Row("oversight-portal:detail", CAROLS_OWN_READ, kwargs=_portal()),
    Row("oversight-portal:file", CAROLS_OWN_READ, kwargs=_portal(with_file=True)),
    Row("oversight-portal:submit", CAROLS_OWN_READ, kwargs=_working_task),
    Row("oversight-portal:submit", CAROLS_OWN_POST, method="POST", kwargs=_working_task, get_allowed=True,
        data=lambda p: {"links": "https://drive.example/menu"}),
    Row("/api/v1/oversight/deliverables", API_LIST, api=True),
    Row("/api/v1/oversight/deliverables/{deliverable_id}", API_READ, api=True, kwargs=_api),
    Row("/api/v1/oversight/deliverables/{deliverable_id}/accept", API_DECIDE, method="POST", api=True,
        kwargs=_api, data=lambda p: {}),
    Row("/api/v1/oversight/deliverables/{deliverable_id}/changes", API_DECIDE, method="POST", api=True,
        kwargs=_api, data=lambda p: CHANGES),
    Row("/api/v1/portal/deliverables", API_PORTAL_LIST, api=True),
    Row("/api/v1/portal/deliverables/{deliverable_id}", API_CAROLS, api=True, kwargs=_api),
    Row("/api/v1/portal/tasks/{task_id}/deliverables", expect(401, 404, 404, 404, 400, 404, 404), method="POST",
        api=True, kwargs=_working_task, wrote=None, note="nothing handed over"),
]  # fmt: skip
