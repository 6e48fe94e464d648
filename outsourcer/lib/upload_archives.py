"""What a zip-based upload holds, read from its central directory only (zipfile.infolist): nothing
is ever unpacked. Refused: too many entries, too much once unpacked (a zip bomb), an absurd
compression ratio, encrypted entries, names that would climb out of a folder or start at the root.
A Word, Excel or PowerPoint file is a zip too (Office Open XML): it is one only when it carries
[Content_Types].xml and the main part of its kind.

The sizes are the ones the archive declares. We never unpack, so a lie only fools a later unpacker,
and every unpacker that honours the declared sizes (Python's, Office's) stops there.
"""

import zipfile
from typing import IO

MAX_ENTRIES = 1_000
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024
# A compressed entry may unpack to at most this many times its stored size (text compresses ~10×;
# bombs compress thousands of times). Small entries are exempt: a 4 KB file of spaces is harmless.
MAX_RATIO = 200
RATIO_FREE_BYTES = 1024 * 1024

# Office Open XML: the part that says which kind of document the zip is.
OOXML_MAIN_PARTS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}

NOT_A_ZIP = "The {noun} is not a readable zip file."
TOO_MANY_ENTRIES = f"The {{noun}} holds more than {MAX_ENTRIES:,} files."
TOO_MUCH_UNPACKED = "The {noun} would unpack to more than 1 GB."
TOO_COMPRESSED = "The {noun} is compressed suspiciously well (a zip bomb?)."
ENCRYPTED = "The {noun} holds password-protected files; upload them unprotected."
BAD_NAME = "The {noun} holds a file named “{name}”, which points outside its folder."


class ArchiveRefused(ValueError):
    """A zip-based upload we refuse; the message has a {noun} placeholder (and may name an entry)."""


def _bad_name(name: str) -> bool:
    if "\x00" in name or "\\" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return True
    return any(part == ".." for part in name.split("/"))


def archive_kind(file: IO[bytes]) -> str:
    """ "docx", "xlsx" or "pptx" when the zip is that Office document, else "zip". Raises
    ArchiveRefused for an unreadable, oversized, encrypted or traversing archive. Reads only the
    central directory; leaves the file at its start."""
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as error:
        raise ArchiveRefused(NOT_A_ZIP) from error
    finally:
        file.seek(0)
    if not entries:
        raise ArchiveRefused(NOT_A_ZIP)
    if len(entries) > MAX_ENTRIES:
        raise ArchiveRefused(TOO_MANY_ENTRIES)
    total = 0
    for entry in entries:
        if _bad_name(entry.filename):
            raise ArchiveRefused(BAD_NAME.replace("{name}", entry.filename[:80].replace("{", "(").replace("}", ")")))
        if entry.flag_bits & 0x1:
            raise ArchiveRefused(ENCRYPTED)
        total += entry.file_size
        if entry.file_size > RATIO_FREE_BYTES and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            raise ArchiveRefused(TOO_COMPRESSED)
    if total > MAX_UNPACKED_BYTES:
        raise ArchiveRefused(TOO_MUCH_UNPACKED)
    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" in names:
        for kind, part in OOXML_MAIN_PARTS.items():
            if part in names:
                return kind
    return "zip"
