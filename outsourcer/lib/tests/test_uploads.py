"""The one upload check: size, type by content, the name's extension agreeing, generated names."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from outsourcer.lib.errors import DomainError
from outsourcer.lib.uploads import size_text, upload_check, upload_kind, upload_name

ALL = ("pdf", "png", "jpeg", "webp")


@pytest.mark.parametrize(
    ("head", "kind"),
    [(b"%PDF-1.4", "pdf"), (b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff\xdb", "jpeg"),
     (b"RIFF\x00\x00\x00\x00WEBP", "webp"), (b"RIFF\x00\x00\x00\x00WAVE", None), (b"%PDF", None),
     (b"GIF89a", None), (b"", None), (b"<svg", None), (b"PK\x03\x04", "zip"),
     (b"\x00\x00\x00\x18ftypmp42", "mp4"), (b"\x00\x00\x00\x14ftypqt  ", "mov"), (b"MZ\x90\x00", None)],
)  # fmt: skip
def test_the_kind_comes_from_the_first_bytes(head, kind):
    assert upload_kind(head) == kind


def _check(name, content, kinds=ALL, max_bytes=1024):
    return upload_check(SimpleUploadedFile(name, content), field="file", noun="file", kinds=kinds, max_bytes=max_bytes)


def test_it_answers_the_kind_and_leaves_the_file_readable():
    upload = SimpleUploadedFile("Scan.PDF", b"%PDF-1.7 body")
    assert upload_check(upload, field="f", noun="scan", kinds=ALL, max_bytes=100) == "pdf"
    assert upload.read() == b"%PDF-1.7 body"


@pytest.mark.parametrize(
    ("name", "content", "kinds"),
    [("a.pdf", b"MZ", ALL), ("a.png", b"%PDF-1.7", ALL), ("a", b"%PDF-1.7", ALL), ("a.exe", b"%PDF-1.7", ALL),
     ("a.webp", b"RIFF1234WEBP", ("pdf", "png", "jpeg"))],
)  # fmt: skip
def test_it_refuses_what_is_not_what_it_claims_or_not_allowed(name, content, kinds):
    with pytest.raises(DomainError) as caught:
        _check(name, content, kinds)
    assert caught.value.field == "file"


def test_the_messages_name_the_allowed_kinds_and_the_limit():
    with pytest.raises(DomainError) as caught:
        _check("a.gif", b"GIF89a", kinds=("pdf", "png"))
    assert caught.value.message == "Upload the file as a PDF or PNG file."
    with pytest.raises(DomainError) as caught:
        upload_check(SimpleUploadedFile("a.pdf", b"%PDF-" + b"0" * 2000), field="e", noun="evidence file",
                     kinds=ALL, max_bytes=1024)  # fmt: skip
    assert caught.value.message == "An evidence file is at most 1 KB."
    assert _check("b.pdf", b"%PDF-" + b"0" * 1019) == "pdf"  # exactly the limit


def test_size_text():
    assert (size_text(10 * 1024 * 1024), size_text(512_000), size_text(100)) == ("10 MB", "500 KB", "1 KB")


def test_generated_names_are_random_with_the_kind_extension():
    names = {upload_name("jpeg") for _ in range(20)}
    assert len(names) == 20
    assert all(len(name) == 36 and name.endswith(".jpg") for name in names)
