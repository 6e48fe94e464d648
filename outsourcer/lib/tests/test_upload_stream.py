"""The upload size limit holds while the request streams in: a file over it never reaches the
disk, a slightly-too-big one is answered next to its field, and a huge one is cut off early."""

import io

import pytest
from django.core.exceptions import RequestDataTooBig
from django.http.multipartparser import MultiPartParser
from django.test import RequestFactory

from outsourcer.lib import upload_stream
from outsourcer.lib.errors import DomainError
from outsourcer.lib.upload_stream import RefusedUpload, SizeLimitUploadHandler
from outsourcer.lib.uploads import upload_check

BOUNDARY = "BoUnDaRy"
LIMIT = 256 * 1024


class CountingStream(io.RawIOBase):
    """A multipart body whose file part is `size` bytes, produced lazily; counts what was read."""

    def __init__(self, size: int, name: str = "big.pdf"):
        self.parts = [
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="note"\r\n\r\nKeep me\r\n'.encode(),
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
            f"Content-Type: application/pdf\r\n\r\n%PDF-".encode(),
        ]
        self.body_left = size - 5
        self.tail = f"\r\n--{BOUNDARY}--\r\n".encode()
        self.read_bytes = 0
        self.total = sum(map(len, self.parts)) + self.body_left + len(self.tail)

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        size = 64 * 1024 if size is None or size < 0 else size
        if self.parts:
            chunk = self.parts.pop(0)
        elif self.body_left > 0:
            chunk = b"0" * min(size, self.body_left)
            self.body_left -= len(chunk)
        else:
            chunk, self.tail = self.tail, b""
        self.read_bytes += len(chunk)
        return chunk


def _parse(stream: CountingStream):
    request = RequestFactory().post("/")
    handlers = [
        SizeLimitUploadHandler(request),
        *[handler for handler in request.upload_handlers if not isinstance(handler, SizeLimitUploadHandler)],
    ]
    meta = {"CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}", "CONTENT_LENGTH": str(stream.total)}
    return MultiPartParser(meta, stream, handlers).parse()


@pytest.fixture
def small_limit(settings, monkeypatch):
    settings.OUTSOURCER_UPLOAD_MAX_BYTES = LIMIT
    monkeypatch.setattr(upload_stream, "DISCARD_BYTES", LIMIT)


def test_a_file_within_the_limit_arrives_whole(small_limit):
    post, files = _parse(CountingStream(LIMIT))
    upload = files["files"]
    assert not isinstance(upload, RefusedUpload)
    assert upload.size == LIMIT and upload.read(5) == b"%PDF-"
    assert post["note"] == "Keep me"


def test_a_slightly_too_big_file_is_answered_next_to_its_field(small_limit):
    post, files = _parse(CountingStream(LIMIT + 100 * 1024))
    upload = files["files"]
    assert isinstance(upload, RefusedUpload)
    assert upload.read() == b""  # nothing past the limit was kept
    assert post["note"] == "Keep me"
    with pytest.raises(DomainError) as caught:
        upload_check(upload, field="files", noun="file", kinds=("pdf",), max_bytes=LIMIT)
    assert caught.value.message == "A file is at most 256 KB."


def test_a_huge_upload_is_cut_off_long_before_it_is_read(small_limit):
    stream = CountingStream(2 * 1024 * 1024 * 1024)
    with pytest.raises(RequestDataTooBig):
        _parse(stream)
    assert stream.read_bytes < 3 * LIMIT  # of 2 GB


def test_the_handler_is_installed_for_every_request():
    request = RequestFactory().post("/")
    assert isinstance(request.upload_handlers[0], SizeLimitUploadHandler)
