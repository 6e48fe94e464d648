"""The contractor hands work over from the portal: files, links and a note for the task or one of
its milestones; refusals next to the field with what was typed kept; versions and decisions shown."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from outsourcer.lib import upload_stream
from outsourcer.oversight.models import Deliverable, DeliverableStatus
from outsourcer.testing.builders import TODAY
from outsourcer.testing.fixtures import text
from outsourcer.testing.oversight import PDF_BYTES, make_deliverable, make_working_task, pdf_file
from outsourcer.work.models import TaskStatus
from outsourcer.work.services import task_milestone_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def carol(client, personas):
    client.force_login(personas.carol)
    return client


def _url(task):
    return reverse("oversight-portal:submit", kwargs={"task_id": task.pk})


def test_she_hands_over_two_files_and_a_link_for_the_whole_task(carol, personas, frozen):
    task = make_working_task(personas, title="Menu photos")
    assert "Hand over work" in text(carol.get(reverse("tasks-portal:detail", kwargs={"task_id": task.pk})))
    response = carol.post(
        _url(task),
        {
            "milestone": "",
            "note": "All twelve dishes.",
            "links": "https://drive.example/menu\n",
            "files": [pdf_file("menu.pdf"), SimpleUploadedFile("prices.csv", b"dish,price\nsoup,12\n")],
        },
    )
    deliverable = Deliverable.objects.get(task=task)
    assert response.status_code == 302
    assert response["Location"] == reverse("oversight-portal:detail", kwargs={"deliverable_id": deliverable.pk})
    version = deliverable.versions.get()
    assert sorted(f.name for f in version.files.all()) == ["menu.pdf", "prices.csv"]
    task.refresh_from_db()
    assert task.status == TaskStatus.SUBMITTED
    page = text(carol.get(response["Location"]))
    assert "Version 1" in page and "menu.pdf" in page and "Waiting for review" in page


def test_a_milestone_is_handed_over_on_its_own(carol, personas, frozen):
    task = make_working_task(personas)
    milestone = task_milestone_create(task=task, actor=personas.alice, title="Draft menu", due_on=TODAY)
    carol.post(_url(task), {"milestone": str(milestone.pk), "links": "https://drive.example/draft"})
    deliverable = Deliverable.objects.get(task=task)
    assert deliverable.milestone == milestone and deliverable.title == "Draft menu"


@pytest.mark.parametrize(
    ("upload", "message"),
    [(SimpleUploadedFile("scan.png", PDF_BYTES), "Upload the file as a"),
     (SimpleUploadedFile("setup.pdf", b"MZ\x90\x00" + b"\0" * 60), "Upload the file as a")],
)  # fmt: skip
def test_a_refused_file_is_named_next_to_the_field_and_what_she_typed_stays(carol, personas, frozen, upload, message):
    task = make_working_task(personas)
    response = carol.post(_url(task), {"note": "Here it is", "links": "https://drive.example/x", "files": [upload]})
    assert response.status_code == 400
    page = text(response)
    assert message in page and "Here it is" in page and "https://drive.example/x" in page
    assert not Deliverable.objects.filter(task=task).exists()


def test_a_too_big_file_is_refused_while_streaming_with_the_limit_named(carol, personas, frozen, settings, monkeypatch):
    settings.OUTSOURCER_UPLOAD_MAX_BYTES = 64 * 1024
    settings.OUTSOURCER_DELIVERABLE_MAX_BYTES = 64 * 1024
    monkeypatch.setattr(upload_stream, "DISCARD_BYTES", 10 * 1024 * 1024)
    task = make_working_task(personas)
    big = pdf_file("big.pdf", PDF_BYTES + b"0" * (200 * 1024))
    response = carol.post(_url(task), {"note": "Big one", "files": [big]})
    assert response.status_code == 400
    assert "A file is at most 64 KB." in text(response)
    assert not Deliverable.objects.filter(task=task).exists()


def test_nothing_handed_over_is_refused(carol, personas, frozen):
    task = make_working_task(personas)
    response = carol.post(_url(task), {"note": "Just a note"})
    assert response.status_code == 400
    assert "Hand over at least one file or link." in text(response)


def test_she_sees_the_decision_with_reasons_and_can_hand_over_again(carol, personas, frozen):
    deliverable = make_deliverable(personas, review="changes")
    page = text(carol.get(reverse("oversight-portal:detail", kwargs={"deliverable_id": deliverable.pk})))
    assert "Changes requested" in page and "Something is missing" in page and "Two dishes are missing." in page
    assert "decided in" in page
    carol.post(_url(deliverable.task), {"links": "https://drive.example/v2"})
    deliverable.refresh_from_db()
    assert (deliverable.version, deliverable.status) == (2, DeliverableStatus.SUBMITTED)
    listing = text(carol.get(reverse("oversight-portal:list")))
    assert deliverable.title in listing and "version 2" in listing


def test_her_list_is_empty_at_first(carol, personas):
    assert "Nothing handed over yet." in text(carol.get(reverse("oversight-portal:list")))


def test_another_contractors_task_and_deliverable_are_404(client, personas, frozen):
    deliverable = make_deliverable(personas, files=[pdf_file()])
    stored = deliverable.versions.get().files.get()
    client.force_login(personas.dan)
    assert client.get(_url(deliverable.task)).status_code == 404
    assert client.get(reverse("oversight-portal:detail", kwargs={"deliverable_id": deliverable.pk})).status_code == 404
    file_url = reverse("oversight-portal:file", kwargs={"deliverable_id": deliverable.pk, "file_id": stored.pk})
    assert client.get(file_url).status_code == 404


def test_her_file_downloads_as_an_attachment_with_nosniff(carol, personas, frozen):
    deliverable = make_deliverable(personas, files=[pdf_file("menu.pdf")])
    stored = deliverable.versions.get().files.get()
    response = carol.get(
        reverse("oversight-portal:file", kwargs={"deliverable_id": deliverable.pk, "file_id": stored.pk})
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment") and "menu.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES
