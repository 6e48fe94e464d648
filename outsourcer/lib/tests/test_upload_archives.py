"""Zip-based uploads are judged by their directory before anything is unpacked: bombs, crowds,
encrypted entries and climbing names are refused; an Office file must really be one."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from outsourcer.lib import upload_archives
from outsourcer.lib.errors import DomainError
from outsourcer.lib.uploads import upload_check

KINDS = ("pdf", "docx", "xlsx", "pptx", "zip", "text")


def _zip(entries: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _check(name: str, content: bytes, kinds=KINDS) -> str:
    upload = SimpleUploadedFile(name, content)
    return upload_check(upload, field="files", noun="file", kinds=kinds, max_bytes=50 * 1024 * 1024)


def _refused(name: str, content: bytes) -> str:
    with pytest.raises(DomainError) as caught:
        _check(name, content)
    assert caught.value.field == "files"
    return caught.value.message


OOXML = {"[Content_Types].xml": b"<Types/>", "_rels/.rels": b"<Relationships/>"}


@pytest.mark.parametrize(
    ("name", "part", "kind"),
    [("Report.docx", "word/document.xml", "docx"), ("Plan.xlsx", "xl/workbook.xml", "xlsx"),
     ("Deck.pptx", "ppt/presentation.xml", "pptx")],
)  # fmt: skip
def test_office_files_are_recognised_by_their_parts(name, part, kind):
    assert _check(name, _zip({**OOXML, part: b"<doc/>"})) == kind


def test_a_plain_zip_is_a_zip_and_cannot_pass_as_a_word_file():
    content = _zip({"photos/one.txt": b"hello"})
    assert _check("photos.zip", content) == "zip"
    assert _refused("photos.docx", content).startswith("Upload the file as a")


def test_a_zip_bomb_is_refused_from_its_directory():
    # 50 MB of zeros deflates to ~50 KB: a ratio of about 1,000.
    bomb = _zip({"zeros.bin": b"\0" * (50 * 1024 * 1024)})
    assert len(bomb) < 200 * 1024
    assert _refused("bomb.zip", bomb) == "The file is compressed suspiciously well (a zip bomb?)."


def test_a_zip_that_unpacks_to_more_than_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(upload_archives, "MAX_UNPACKED_BYTES", 1000)
    content = _zip({"a.txt": b"x" * 600, "b.txt": b"y" * 600}, compression=zipfile.ZIP_STORED)
    assert _refused("two.zip", content) == "The file would unpack to more than 1 GB."


def test_too_many_entries_are_refused():
    content = _zip({f"f{number}.txt": b"" for number in range(upload_archives.MAX_ENTRIES + 1)})
    assert _refused("many.zip", content) == "The file holds more than 1,000 files."


@pytest.mark.parametrize("entry", ["../../etc/passwd", "/etc/passwd", "a/../../b", "C:/Windows/x", "a\\..\\b"])
def test_names_that_point_outside_the_folder_are_refused(entry):
    assert "points outside its folder" in _refused("evil.zip", _zip({entry: b"x"}))


def test_encrypted_entries_are_refused():
    content = bytearray(_zip({"secret.txt": b"x"}, compression=zipfile.ZIP_STORED))
    # Set the "encrypted" flag bit in the local header (offset 6) and the central directory (offset 8).
    content[6] |= 1
    central = content.rfind(b"PK\x01\x02")
    content[central + 8] |= 1
    assert _refused("locked.zip", bytes(content)) == (
        "The file holds password-protected files; upload them unprotected."
    )


def test_a_broken_or_empty_zip_is_refused():
    assert _refused("broken.zip", b"PK\x03\x04" + b"\0" * 40) == "The file is not a readable zip file."
    # An empty zip starts with the end-of-directory record, not a file: no kind at all.
    assert (
        _refused("empty.zip", _zip({}))
        == "Upload the file as a PDF, Word, Excel, PowerPoint, zip or plain text or CSV file."
    )


@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [("notes.txt", "Menu: soupe à l’oignon\r\n\tprix 12 €".encode(), True),
     ("prices.csv", b"dish,price\nsoup,12\n", True),
     ("notes.txt", b"MZ\x90\x00\x03\x00\x00\x00", False),  # a Windows program renamed
     ("notes.txt", b"text with a \x00 NUL", False),
     ("notes.txt", "caf\u00e9".encode("latin-1") + b" and more text", False),
     ("notes.exe", b"plain words", False),
     ("notes.txt", b"", False)],
)  # fmt: skip
def test_text_is_recognised_by_decoding_it(name, content, ok):
    if ok:
        assert _check(name, content) == "text"
    else:
        _refused(name, content)


def test_a_utf8_character_cut_at_the_sample_edge_is_still_text():
    from outsourcer.lib.uploads import TEXT_SAMPLE_BYTES

    content = b"a" * (TEXT_SAMPLE_BYTES - 1) + "é".encode()
    assert _check("long.txt", content) == "text"


def test_a_pdf_named_png_and_a_renamed_program_are_refused():
    assert _refused("scan.png", b"%PDF-1.7 body").startswith("Upload the file as a")
    assert _refused("report.pdf", b"MZ\x90\x00" + b"\0" * 60).startswith("Upload the file as a")
