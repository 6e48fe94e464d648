"""Hand-overs in the API: the contractor submits (multipart), the organization lists, reads and
decides; wrong role 403, own work 403, foreign 404, bad input JSON errors and nothing saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from outsourcer.oversight.models import Deliverable, DeliverableStatus, Review
from outsourcer.testing.fixtures import ApiClient
from outsourcer.testing.oversight import PDF_BYTES, make_deliverable, make_working_task, pdf_file

pytestmark = pytest.mark.django_db


def _multipart(api: ApiClient, path: str, data: dict):
    return api.client.post(f"/api/v1{path}", data=data, headers=api.headers)


def test_carol_hands_over_with_files_and_links_in_one_multipart_request(api_as, personas, frozen):
    task = make_working_task(personas)
    api = api_as(personas.carol, portal=True)
    response = _multipart(
        api,
        f"/portal/tasks/{task.pk}/deliverables",
        {"note": "All twelve", "links": ["https://drive.example/a", "https://drive.example/b"],
         "files": [pdf_file("menu.pdf"), SimpleUploadedFile("notes.txt", b"Soup first.\n")]},
    )  # fmt: skip
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["status"], body["version"]) == ("submitted", 1)
    version = body["versions"][0]
    assert version["links"] == ["https://drive.example/a", "https://drive.example/b"]
    assert sorted(f["name"] for f in version["files"]) == ["menu.pdf", "notes.txt"]
    assert version["review"] is None
    assert [d["id"] for d in api.get("/portal/deliverables").json()["items"]] == [body["id"]]


def test_a_refused_file_answers_400_with_the_field_and_saves_nothing(api_as, personas, frozen):
    task = make_working_task(personas)
    response = _multipart(
        api_as(personas.carol, portal=True),
        f"/portal/tasks/{task.pk}/deliverables",
        {"files": [SimpleUploadedFile("scan.png", PDF_BYTES)]},
    )
    assert response.status_code == 400
    assert "files" in response.json()["errors"]
    assert not Deliverable.objects.exists()


def test_another_contractors_task_or_a_foreign_milestone_is_404(api_as, personas, frozen):
    task = make_working_task(personas)
    dan = api_as(personas.dan, portal=True)
    assert _multipart(dan, f"/portal/tasks/{task.pk}/deliverables", {"links": "https://x.example"}).status_code == 404
    carol = api_as(personas.carol, portal=True)
    response = _multipart(
        carol, f"/portal/tasks/{task.pk}/deliverables", {"links": "https://x.example", "milestone_id": 999}
    )
    assert response.status_code == 404


def test_the_owner_lists_reads_and_accepts(api_as, personas, frozen):
    deliverable = make_deliverable(personas, files=[pdf_file()])
    api = api_as(personas.alice)
    items = api.get("/oversight/deliverables").json()["items"]
    assert [d["id"] for d in items] == [deliverable.pk]
    detail = api.get(f"/oversight/deliverables/{deliverable.pk}").json()
    assert detail["versions"][0]["files"][0]["url"].endswith(f"/files/{deliverable.versions.get().files.get().pk}/")
    response = api.post(f"/oversight/deliverables/{deliverable.pk}/accept", {"comment": "Lovely"})
    assert response.status_code == 200
    review = response.json()["versions"][0]["review"]
    assert review["decision"] == "accept" and review["latency_minutes"] == 0
    assert api.post(f"/oversight/deliverables/{deliverable.pk}/accept", {}).status_code == 400


def test_changes_need_reasons_from_the_list_and_a_comment(api_as, personas, frozen):
    deliverable = make_deliverable(personas)
    api = api_as(personas.bob)
    path = f"/oversight/deliverables/{deliverable.pk}/changes"
    assert api.post(path, {"reasons": [], "comment": "x"}).status_code == 422
    assert api.post(path, {"reasons": ["nonsense"], "comment": "x"}).status_code == 422
    assert api.post(path, {"reasons": ["errors"], "comment": ""}).status_code == 422
    assert not Review.objects.exists()
    response = api.post(path, {"reasons": ["errors", "format"], "comment": "Use A4."})
    assert response.status_code == 200
    deliverable.refresh_from_db()
    assert deliverable.status == DeliverableStatus.CHANGES_REQUESTED


def test_a_viewer_may_read_but_not_decide_and_strangers_get_404(api_as, personas, frozen):
    deliverable = make_deliverable(personas)
    vera = api_as(personas.vera)
    assert vera.get(f"/oversight/deliverables/{deliverable.pk}").status_code == 200
    assert vera.post(f"/oversight/deliverables/{deliverable.pk}/accept", {}).status_code == 403
    assert api_as(personas.oscar).get(f"/oversight/deliverables/{deliverable.pk}").status_code == 404
    assert api_as(personas.dan, portal=True).get(f"/portal/deliverables/{deliverable.pk}").status_code == 404
    assert api_as(personas.oscar).get("/oversight/deliverables").json()["items"] == []


def test_nobody_reviews_their_own_work(api_as, personas, frozen):
    # Bob, a manager, is also the contractor of a task in his own organization.
    from outsourcer.testing.builders import make_budget, make_contract
    from outsourcer.testing.factories import ContractorFactory, EngagementFactory

    bob_contractor = ContractorFactory(user=personas.bob, name="Bob B.")
    EngagementFactory(organization=personas.org, contractor=bob_contractor)
    contract = make_contract(personas, make_budget(personas, amount_cents=10**9), contractor=bob_contractor)
    task = make_working_task(personas, contract=contract)
    deliverable = make_deliverable(personas, task)
    response = api_as(personas.bob).post(f"/oversight/deliverables/{deliverable.pk}/accept", {})
    assert response.status_code == 403
    assert api_as(personas.alice).post(f"/oversight/deliverables/{deliverable.pk}/accept", {}).status_code == 200
