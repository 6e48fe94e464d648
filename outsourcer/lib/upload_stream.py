"""The size limit of uploads, enforced while the request streams in (settings.FILE_UPLOAD_HANDLERS),
so a 2 GB file is refused long before it lands on disk: Django's DATA_UPLOAD_MAX_MEMORY_SIZE
covers form fields, not files.

Every file is counted as its chunks arrive. Past settings.OUTSOURCER_UPLOAD_MAX_BYTES (the largest
any upload may be; each use checks its own, smaller limit with lib.uploads.upload_check) the
handler stops passing chunks on, so nothing more is written, and answers a `RefusedUpload` in
place of the file: upload_check then says, next to the field, how big the file may be. A sender
who keeps going past the limit plus DISCARD_BYTES is cut off: the request ends there with a 400
(RequestDataTooBig), without reading the rest.
"""

from io import BytesIO

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler

DEFAULT_UPLOAD_MAX_BYTES = 25 * 1024 * 1024
# How far past the limit we keep reading (and discarding) so the page can answer next to the field.
DISCARD_BYTES = 8 * 1024 * 1024


def upload_max_bytes() -> int:
    """The largest file any upload accepts (settings.OUTSOURCER_UPLOAD_MAX_BYTES)."""
    return int(getattr(settings, "OUTSOURCER_UPLOAD_MAX_BYTES", DEFAULT_UPLOAD_MAX_BYTES))


class RefusedUpload(UploadedFile):
    """Stands in for a file refused while streaming: empty, with the size received so far (already
    over every limit), so the one check (upload_check) refuses it with its usual message."""

    def __init__(self, name: str, size: int, content_type: str | None):
        super().__init__(BytesIO(b""), name=name, content_type=content_type, size=size)


class SizeLimitUploadHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: counts each file's bytes and stops a file at the limit."""

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.limit = upload_max_bytes()
        self.received = 0
        self.refused = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > self.limit + DISCARD_BYTES:
            raise RequestDataTooBig(f"An uploaded file is larger than {self.limit} bytes.")
        if self.received > self.limit:
            self.refused = True
        # None: the later handlers (memory, temporary file) get nothing more of a refused file.
        return None if self.refused else raw_data

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if not self.refused:
            return None  # the next handler answers the file it kept
        return RefusedUpload(self.file_name or "file", self.received, self.content_type)
