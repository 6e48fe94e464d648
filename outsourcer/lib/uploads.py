"""The one check for uploaded files (receipts, company-check evidence): a size limit and an
allow-list of types recognised by the file's first bytes, never by its name or the browser's
claim. The name must also end with that type's extension, so "invoice.png" holding a PDF (or
"report.exe" holding one) does not reach a reader who trusts the extension. Stored files get generated names
(`upload_name`): what the uploader called a file never becomes a path on our disk.
"""

import secrets

from django.core.files.uploadedfile import UploadedFile

from outsourcer.lib.errors import DomainError

# kind → (label, extensions a file of that kind may be named with; the first names stored files)
KINDS = {
    "pdf": ("PDF", (".pdf",)),
    "png": ("PNG", (".png",)),
    "jpeg": ("JPEG", (".jpg", ".jpeg")),
    "webp": ("WebP", (".webp",)),
}
HEAD_BYTES = 12

TOO_BIG = "{article} {noun} is at most {size}."
WRONG_KIND = "Upload the {noun} as a {kinds} file."


def upload_kind(head: bytes) -> str | None:
    """The kind of file these first bytes start (a key of KINDS), or None when none of them."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


def size_text(size: int) -> str:
    """10485760 → "10 MB"; 512000 → "500 KB"."""
    mb = 1024 * 1024
    return f"{size // mb} MB" if size % mb == 0 else f"{max(size // 1024, 1)} KB"


def _kinds_text(kinds: tuple[str, ...]) -> str:
    labels = [KINDS[kind][0] for kind in kinds]
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} or {labels[-1]}"


def upload_check(file: UploadedFile, *, field: str, noun: str, kinds: tuple[str, ...], max_bytes: int) -> str:
    """The file's kind (one of `kinds`); raises DomainError(field=`field`) when the file is larger
    than `max_bytes`, is none of `kinds` by content, or is not named with its kind's extension."""
    if file.size is None or file.size > max_bytes:
        article = "An" if noun[:1].lower() in "aeiou" else "A"
        raise DomainError(TOO_BIG.format(article=article, noun=noun, size=size_text(max_bytes)), field=field)
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    kind = upload_kind(head)
    name = (file.name or "").lower()
    if kind not in kinds or not any(name.endswith(ext) for ext in KINDS[kind][1]):
        raise DomainError(WRONG_KIND.format(noun=noun, kinds=_kinds_text(kinds)), field=field)
    return kind


def upload_name(kind: str) -> str:
    """A generated file name for a stored upload of this kind: 32 random hex digits and its extension."""
    return f"{secrets.token_hex(16)}{KINDS[kind][1][0]}"
