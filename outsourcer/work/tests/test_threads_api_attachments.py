"""Attachments through the API: a multipart POST to a task's thread (either side) goes through the
same service and upload check as the page; the message JSON names the file, its size and where to
download it; a file too big or of the wrong type, a foreign task and a wrong role are refused as
JSON, and nothing is saved."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from outsourcer.messaging.models import Message
from outsourcer.messaging.rules import ATTACHMENT_MAX_BYTES
from outsourcer.testing.work import make_task
from outsourcer.work import services

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% the spring menu\n"


@pytest.fixture
def task(personas, frozen):
    return services.task_send(task=make_task(personas), actor=personas.alice)


def _post(api, path: str, **fields):
    """A multipart POST with the API client's token."""
    return api.client.post(f"/api/v1{path}", fields, headers=api.headers)


def _pdf(name: str = "menu.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_the_owner_attaches_a_pdf_and_both_sides_can_download_it(api_as, personas, task):
    response = _post(api_as(personas.alice), f"/tasks/{task.pk}/messages", body="The menu", urgent="true",
                     attachment=_pdf())  # fmt: skip
    assert response.status_code == 201, response.json()
    posted = response.json()
    assert (posted["body"], posted["urgent"], posted["attachment_name"], posted["attachment_size"]) == (
        "The menu",
        True,
        "menu.pdf",
        len(PDF),
    )
    org_path = reverse("tasks:messages-attachment", args=[personas.org.slug, task.pk, posted["id"]])
    assert posted["attachment_url"] == settings.SITE_URL + org_path

    [seen] = api_as(personas.carol, portal=True).get(f"/portal/tasks/{task.pk}/messages").json()["items"]
    portal_path = reverse("tasks-portal:messages-attachment", args=[task.pk, posted["id"]])
    assert seen["attachment_url"] == settings.SITE_URL + portal_path
    client = Client()
    client.force_login(personas.carol)
    download = client.get(portal_path)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["X-Content-Type-Options"] == "nosniff"


def test_the_contractor_attaches_a_file_without_text(api_as, personas, task):
    png = SimpleUploadedFile("proof.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 20, content_type="image/png")
    response = _post(api_as(personas.carol, portal=True), f"/portal/tasks/{task.pk}/messages", attachment=png)
    assert response.status_code == 201, response.json()
    assert response.json()["body"] == "" and response.json()["from_contractor"] is True
    listed = api_as(personas.bob).get(f"/tasks/{task.pk}/messages").json()["items"]
    assert [(m["attachment_name"], m["attachment_size"]) for m in listed] == [("proof.png", 28)]


def test_a_message_without_a_file_has_no_attachment_fields(api_as, personas, task):
    posted = api_as(personas.alice).post(f"/tasks/{task.pk}/messages", {"body": "Hi"}).json()
    assert (posted["attachment_name"], posted["attachment_size"], posted["attachment_url"]) == (None, None, None)
    assert _post(api_as(personas.alice), f"/tasks/{task.pk}/messages", body="Form, no file").status_code == 201


def test_a_file_too_big_is_refused_and_nothing_is_saved(api_as, personas, task):
    big = _pdf(content=PDF + b"0" * ATTACHMENT_MAX_BYTES)
    response = _post(api_as(personas.alice), f"/tasks/{task.pk}/messages", body="Big", attachment=big)
    assert response.status_code == 400
    assert response.json()["errors"] == {"attachment": "An attachment is at most 10 MB."}
    assert not Message.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [("menu.pdf", b"MZ\x90\x00 not a pdf"), ("menu.exe", PDF), ("menu.png", PDF), ("menu.svg", b"<svg></svg>")],
)
def test_a_file_of_the_wrong_type_is_refused(api_as, personas, task, name, content):
    file = SimpleUploadedFile(name, content)
    response = _post(api_as(personas.carol, portal=True), f"/portal/tasks/{task.pk}/messages", attachment=file)
    assert response.status_code == 400
    assert response.json()["errors"] == {"attachment": "Upload the attachment as a PDF, PNG, JPEG or WebP file."}
    assert not Message.objects.exists()


def test_empty_or_bad_input_is_refused_as_json(api_as, personas, task):
    alice = api_as(personas.alice)
    response = _post(alice, f"/tasks/{task.pk}/messages", body="")
    assert response.status_code == 422 and response.json()["errors"] == {"body": "Write a message or attach a file."}
    response = _post(alice, f"/tasks/{task.pk}/messages", body="x" * 5001, attachment=_pdf())
    assert response.status_code == 422 and "body" in response.json()["errors"]
    response = _post(alice, f"/tasks/{task.pk}/messages", body="ok", urgent="perhaps")
    assert response.status_code == 422 and "urgent" in response.json()["errors"]
    response = alice.client.post(f"/api/v1/tasks/{task.pk}/messages", "{not json", content_type="application/json",
                                 headers=alice.headers)  # fmt: skip
    assert response.status_code == 400 and response.json()["code"] == "bad_request"
    assert not Message.objects.exists()


def test_a_foreign_task_is_404_and_a_viewer_is_403(api_as, personas, task):
    assert _post(api_as(personas.oscar), f"/tasks/{task.pk}/messages", attachment=_pdf()).status_code == 404
    dan = api_as(personas.dan, portal=True)
    assert _post(dan, f"/portal/tasks/{task.pk}/messages", attachment=_pdf()).status_code == 404
    assert _post(api_as(personas.vera), f"/tasks/{task.pk}/messages", attachment=_pdf()).status_code == 403
    # An organization token on the portal, a portal token on the organization's side.
    assert _post(api_as(personas.alice), f"/portal/tasks/{task.pk}/messages", attachment=_pdf()).status_code == 404
    carol = api_as(personas.carol, portal=True)
    assert _post(carol, f"/tasks/{task.pk}/messages", attachment=_pdf()).status_code == 404
    assert not Message.objects.exists()


def test_the_openapi_document_offers_json_and_multipart(api_as, personas):
    document = api_as(personas.alice).get("/openapi.json").json()
    for path in ("/api/v1/tasks/{task_id}/messages", "/api/v1/portal/tasks/{task_id}/messages"):
        content = document["paths"][path]["post"]["requestBody"]["content"]
        assert set(content) == {"application/json", "multipart/form-data"}
        assert content["multipart/form-data"]["schema"]["properties"]["attachment"]["format"] == "binary"
        assert content["application/json"]["schema"]["properties"]["body"]["minLength"] == 1
