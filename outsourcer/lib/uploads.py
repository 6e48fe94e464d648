"""The one check for uploaded files (receipts, company-check evidence, message attachments,
deliverables): a size limit and an allow-list of types recognised by the file's content, never by
its name or the browser's claim. The name must also end with that type's extension, so
"invoice.png" holding a PDF (or "report.exe" holding one) does not reach a reader who trusts the
extension. Stored files get generated names (`upload_name`): what the uploader called a file never
becomes a path on our disk.

How each kind is recognised:
- PDF, PNG, JPEG, WebP: their first bytes.
- MP4 and QuickTime video: an ISO media "ftyp" box at byte 4 ("qt  " brand → QuickTime).
- Zip, and the Office Open XML documents (Word .docx, Excel .xlsx, PowerPoint .pptx), which are
  zips: the zip's directory is read, never unpacked (lib/upload_archives.py), and refused when it
  is a bomb, too crowded, encrypted or names paths outside itself; an Office file must really be
  one ([Content_Types].xml and its main part).
- Plain text and CSV have no signature: a file is text when its first 64 KB decode as UTF-8
  without NUL or other control characters (tabs and line ends aside), and none of the binary
  signatures above matches.

The size limit is also enforced while the upload streams in (lib/upload_stream.py).
"""

import secrets

from django.core.files.uploadedfile import UploadedFile

from outsourcer.lib.errors import DomainError
from outsourcer.lib.upload_archives import ArchiveRefused, archive_kind

# kind → (label, extensions a file of that kind may be named with; the first names stored files)
KINDS = {
    "pdf": ("PDF", (".pdf",)),
    "png": ("PNG", (".png",)),
    "jpeg": ("JPEG", (".jpg", ".jpeg")),
    "webp": ("WebP", (".webp",)),
    "docx": ("Word", (".docx",)),
    "xlsx": ("Excel", (".xlsx",)),
    "pptx": ("PowerPoint", (".pptx",)),
    "zip": ("zip", (".zip",)),
    "text": ("plain text or CSV", (".txt", ".csv", ".md")),
    "mp4": ("MP4", (".mp4", ".m4v")),
    "mov": ("QuickTime", (".mov",)),
}
ZIP_KINDS = ("docx", "xlsx", "pptx", "zip")
HEAD_BYTES = 12
TEXT_SAMPLE_BYTES = 64 * 1024
# Control characters plain text may hold: tab, line feed, form feed, carriage return.
TEXT_CONTROLS = {9, 10, 12, 13}

TOO_BIG = "{article} {noun} is at most {size}."
WRONG_KIND = "Upload the {noun} as a {kinds} file."


def upload_kind(head: bytes) -> str | None:
    """The kind of file these first bytes start (a key of KINDS; "zip" for any zip, Office files
    included), or None when none of them."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head[4:8] == b"ftyp":
        return "mov" if head[8:12] == b"qt  " else "mp4"
    return None


def is_text(sample: bytes) -> bool:
    """True when these bytes read as UTF-8 text (a cut-off last character allowed) with no NUL or
    control characters other than tabs, form feeds and line ends."""
    try:
        text = sample.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(sample) - 3:
            return False
        text = sample[: error.start].decode("utf-8")
    return bool(text) and not any(ord(char) < 32 and ord(char) not in TEXT_CONTROLS for char in text)


def size_text(size: int) -> str:
    """10485760 → "10 MB"; 512000 → "500 KB"."""
    mb = 1024 * 1024
    return f"{size // mb} MB" if size % mb == 0 else f"{max(size // 1024, 1)} KB"


def _kinds_text(kinds: tuple[str, ...]) -> str:
    labels = [KINDS[kind][0] for kind in kinds]
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} or {labels[-1]}"


def _content_kind(file: UploadedFile, kinds: tuple[str, ...], *, field: str, noun: str) -> str | None:
    file.seek(0)
    head = file.read(HEAD_BYTES)
    kind = upload_kind(head)
    if kind == "zip" and any(allowed in ZIP_KINDS for allowed in kinds):
        try:
            kind = archive_kind(file)
        except ArchiveRefused as refused:
            raise DomainError(str(refused).replace("{noun}", noun), field=field) from refused
    elif kind is None and "text" in kinds:
        file.seek(0)
        kind = "text" if is_text(file.read(TEXT_SAMPLE_BYTES)) else None
    file.seek(0)
    return kind


def upload_check(file: UploadedFile, *, field: str, noun: str, kinds: tuple[str, ...], max_bytes: int) -> str:
    """The file's kind (one of `kinds`); raises DomainError(field=`field`) when the file is larger
    than `max_bytes`, is none of `kinds` by content, or is not named with its kind's extension."""
    if file.size is None or file.size > max_bytes:
        article = "An" if noun[:1].lower() in "aeiou" else "A"
        raise DomainError(TOO_BIG.format(article=article, noun=noun, size=size_text(max_bytes)), field=field)
    kind = _content_kind(file, kinds, field=field, noun=noun)
    name = (file.name or "").lower()
    if kind not in kinds or not any(name.endswith(ext) for ext in KINDS[kind][1]):
        raise DomainError(WRONG_KIND.format(noun=noun, kinds=_kinds_text(kinds)), field=field)
    return kind


def upload_name(kind: str) -> str:
    """A generated file name for a stored upload of this kind: 32 random hex digits and its extension."""
    return f"{secrets.token_hex(16)}{KINDS[kind][1][0]}"


def attachment_response(stored, filename: str):
    """A stored upload served as a download (never displayed inline) with nosniff; 404 when the file
    is gone from storage. `stored` is a FieldFile."""
    from django.http import FileResponse, Http404

    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=filename or "file")
    response["X-Content-Type-Options"] = "nosniff"
    return response
