"""Test builders for oversight: deliverables handed over and reviewed through the real services."""

from django.core.files.uploadedfile import SimpleUploadedFile

from outsourcer.oversight.models import ChangeReason, Deliverable
from outsourcer.oversight.services import deliverable_accept, deliverable_request_changes, deliverable_submit
from outsourcer.testing.work import make_task
from outsourcer.work.services import task_accept, task_send

# The smallest PDF a reader opens: enough for the content check (lib.uploads).
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_file(name: str = "photos.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def make_working_task(personas, *, override_reason: str = "", **fields):
    """A task Carol has accepted (sent by Alice with a clear brief; `override_reason` sends it on a
    day the brief check finds fault with, e.g. the access matrix's real clock)."""
    task = make_task(personas, **fields)
    task = task_send(task=task, actor=personas.alice, override_reason=override_reason)
    return task_accept(task=task, contractor=task.contractor)


def make_deliverable(
    personas, task=None, *, milestone=None, review: str | None = None, links=("https://drive.example/menu",), **submit
) -> Deliverable:
    """Work handed over by the task's contractor (default: a new accepted task of Carol's), then,
    with `review` "accept" or "changes", decided by Alice."""
    if task is None:
        task = make_working_task(personas)
    deliverable = deliverable_submit(
        task=task, contractor=task.contractor, milestone=milestone, links=list(links), **submit
    )
    if review == "accept":
        deliverable_accept(deliverable=deliverable, actor=personas.alice)
    elif review == "changes":
        deliverable_request_changes(
            deliverable=deliverable,
            actor=personas.alice,
            reasons=[ChangeReason.INCOMPLETE],
            comment="Two dishes are missing.",
        )
    deliverable.refresh_from_db()
    return deliverable


__all__ = ["PDF_BYTES", "make_deliverable", "make_working_task", "pdf_file"]
