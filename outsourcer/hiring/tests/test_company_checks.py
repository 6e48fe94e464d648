"""The company checklist: status, note, evidence by file (checked by content) or link, who and when."""

import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from outsourcer.audit.models import Event
from outsourcer.hiring.models import CompanyCheck
from outsourcer.hiring.services import company_check_update
from outsourcer.lib.errors import DomainError, FieldErrors
from outsourcer.testing.fixtures import text
from outsourcer.testing.references import insert_evidence

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 32


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _update(personas, **kwargs):
    values = {"engagement": personas.carol_engagement, "item": "registration", "actor": personas.bob,
              "status": "verified"}  # fmt: skip
    return company_check_update(**{**values, **kwargs})


def test_it_records_the_status_note_and_who_verified_it_when(personas, frozen):
    check = _update(personas, note="Registry entry 12345", evidence_url="https://registry.example/12345")

    assert (check.status, check.note, check.evidence_url) == ("verified", "Registry entry 12345",
                                                               "https://registry.example/12345")  # fmt: skip
    assert (check.verified_by, check.verified_at) == (personas.bob, frozen)
    event = Event.objects.get(action="company_check_updated")
    assert event.actor == personas.bob and event.after["item"] == "registration"


def test_setting_it_back_to_pending_clears_who_verified_it(personas):
    _update(personas)
    check = _update(personas, status="pending")
    assert (check.verified_by, check.verified_at) == (None, None)
    assert CompanyCheck.objects.count() == 1


@pytest.mark.parametrize(("name", "content"), [("a.pdf", PDF), ("a.PNG", PNG), ("a.jpeg", JPEG), ("a.webp", WEBP)])
def test_evidence_is_stored_under_a_generated_name(personas, name, content):
    check = _update(personas, evidence=SimpleUploadedFile(name, content, content_type="application/octet-stream"))

    stored = check.evidence.name
    assert stored.startswith("evidence/")
    assert re.fullmatch(r"[0-9a-f]{32}\.(pdf|png|jpg|webp)", stored.rsplit("/", 1)[-1]), stored
    assert default_storage.open(stored).read() == content


@pytest.mark.parametrize(
    ("name", "content"),
    [("evil.pdf", b"<html><script>alert(1)</script>"), ("scan.png", PDF), ("page.html", PDF),
     ("a.exe", b"MZ\x90\x00"), ("a.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"), ("a.gif", b"GIF89a....")],
)  # fmt: skip
def test_uploads_are_judged_by_content_not_extension(personas, name, content):
    with pytest.raises(DomainError) as caught:
        _update(personas, evidence=SimpleUploadedFile(name, content, content_type="application/pdf"))
    assert caught.value.field == "evidence"
    assert caught.value.message == "Upload the evidence file as a PDF, PNG, JPEG or WebP file."
    assert not CompanyCheck.objects.exists()


def test_uploads_have_a_size_limit_from_settings(personas, settings):
    settings.EVIDENCE_MAX_BYTES = 1024
    with pytest.raises(DomainError) as caught:
        _update(personas, evidence=SimpleUploadedFile("big.pdf", PDF + b"0" * 1024))
    assert caught.value.message == "An evidence file is at most 1 KB."
    assert _update(personas, evidence=SimpleUploadedFile("ok.pdf", PDF)).evidence


def test_a_new_file_replaces_the_old_one(personas, django_capture_on_commit_callbacks):
    first = _update(personas, evidence=SimpleUploadedFile("a.pdf", PDF)).evidence.name
    with django_capture_on_commit_callbacks(execute=True):
        second = _update(personas, evidence=SimpleUploadedFile("b.png", PNG)).evidence.name
    assert first != second
    assert not default_storage.exists(first) and default_storage.exists(second)
    with django_capture_on_commit_callbacks(execute=True):
        check = _update(personas, remove_evidence=True)
    assert not check.evidence and not default_storage.exists(second)


@pytest.mark.parametrize(
    ("field", "values"),
    [("item", {"item": "passport"}), ("status", {"status": "done"}), ("note", {"note": "x" * 2001}),
     ("note", {"note": "a\x00b"}), ("evidence_url", {"evidence_url": "javascript:alert(1)"}),
     ("evidence_url", {"evidence_url": "https://" + "a" * 500 + ".example"})],
)  # fmt: skip
def test_bad_input_is_refused_and_nothing_saved(personas, field, values):
    with pytest.raises(FieldErrors) as caught:
        _update(personas, **values)
    assert field in caught.value.errors
    assert not CompanyCheck.objects.exists()


# --- pages ----------------------------------------------------------------------------------------


def _post(client, org_url, personas, item="registration", **data):
    url = org_url("hiring:company-check-update", engagement_id=personas.carol_engagement.pk, item=item)
    fields = {f"{item}-status": "verified", f"{item}-note": "Checked", f"{item}-evidence_url": ""}
    fields.update({f"{item}-{key}": value for key, value in data.items()})
    return client.post(url, fields)


def test_the_page_form_uploads_evidence(login_as, personas, org_url):
    client = login_as(personas.bob)
    response = _post(client, org_url, personas, evidence=SimpleUploadedFile("cert.pdf", PDF))
    assert response.status_code == 302
    check = CompanyCheck.objects.get()
    assert check.evidence.name.endswith(".pdf") and check.verified_by == personas.bob


def test_the_page_form_keeps_what_was_typed_on_errors(login_as, personas, org_url):
    client = login_as(personas.bob)
    response = _post(client, org_url, personas, note="My careful note", evidence=SimpleUploadedFile("x.pdf", b"MZ"))
    page = text(response)
    assert response.status_code == 400
    assert "My careful note" in page
    assert "Upload the evidence file as a PDF, PNG, JPEG or WebP file." in page
    assert not CompanyCheck.objects.exists()


def test_an_unknown_item_is_404(login_as, personas, org_url):
    assert _post(login_as(personas.bob), org_url, personas, item="passport").status_code == 404


def test_the_viewer_may_not_update(login_as, personas, org_url):
    assert _post(login_as(personas.vera), org_url, personas).status_code == 403
    assert not CompanyCheck.objects.exists()


def test_another_organizations_engagement_is_404(login_as, personas, org_url):
    url = org_url("hiring:company-check-update", engagement_id=personas.dan_engagement.pk, item="registration")
    assert login_as(personas.bob).post(url, {"registration-status": "verified"}).status_code == 404


def test_evidence_is_downloaded_as_an_attachment_by_members_only(client, login_as, personas, org_url):
    insert_evidence(personas.carol_engagement)
    url = org_url("hiring:company-check-evidence", engagement_id=personas.carol_engagement.pk, item="registration")

    response = login_as(personas.vera).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="carol-contractor-registration.pdf"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")

    for outsider in (personas.oscar, personas.carol, personas.dan):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    missing = org_url("hiring:company-check-evidence", engagement_id=personas.carol_engagement.pk, item="website")
    assert login_as(personas.vera).get(missing).status_code == 404
