"""The contractor hands work over: a note, links and files against a task or one of its
milestones. The first hand-over creates the deliverable; each later one is a new version, kept."""

import os
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from outsourcer.audit.events import event_record
from outsourcer.contractors.models import Contractor
from outsourcer.lib.errors import DomainError
from outsourcer.lib.uploads import upload_check, upload_name
from outsourcer.lib.validation import Errors
from outsourcer.oversight import events
from outsourcer.oversight.flows import DELIVERABLE_FLOW, RESUBMIT
from outsourcer.oversight.models import (
    Deliverable,
    DeliverableFile,
    DeliverableStatus,
    DeliverableVersion,
)
from outsourcer.oversight.services.notices import deliverable_submitted_notify
from outsourcer.work.models import Task, TaskMilestone, TaskStatus
from outsourcer.work.services import task_start, task_submit

MAX_NOTE = 5_000
MAX_LINKS = 10
MAX_FILES = 10
# The kinds a deliverable's files may be (lib.uploads.KINDS), and the size of one file.
DELIVERABLE_KINDS = ("pdf", "png", "jpeg", "webp", "docx", "xlsx", "pptx", "zip", "text", "mp4", "mov")
DEFAULT_MAX_BYTES = 25 * 1024 * 1024

NOTHING = "Hand over at least one file or link."
NOT_A_LINK = "Link {number} is not a web address (https://…)."
TOO_MANY_LINKS = f"At most {MAX_LINKS} links."
TOO_MANY_FILES = f"At most {MAX_FILES} files at once."
NOT_WORKING = "Work is handed over once you have accepted the task."
ALREADY_ACCEPTED = "This work has been accepted already."
FOREIGN_MILESTONE = "Choose one of this task's milestones."
# Handing work over moves the task on: accepted → in progress, and for the whole task → submitted.
WORKING = (TaskStatus.ACCEPTED, TaskStatus.IN_PROGRESS, TaskStatus.SUBMITTED)


def deliverable_max_bytes() -> int:
    """One file's size limit (settings.OUTSOURCER_DELIVERABLE_MAX_BYTES, default 25 MB)."""
    return int(getattr(settings, "OUTSOURCER_DELIVERABLE_MAX_BYTES", DEFAULT_MAX_BYTES))


def _links(errors: Errors, value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.splitlines()
    if not isinstance(value, list | tuple):
        errors.add("links", NOT_A_LINK.format(number=1))
        return []
    links = []
    for number, line in enumerate(value, start=1):
        text = errors.text(line, field="links", label=f"Link {number}", max_length=2_000, required=False)
        if not text:
            continue
        if not text.lower().startswith(("https://", "http://")) or " " in text:
            errors.add("links", NOT_A_LINK.format(number=number))
            break
        links.append(text)
    if len(links) > MAX_LINKS:
        errors.add("links", TOO_MANY_LINKS)
    return links


def _checked_files(files: list[UploadedFile]) -> list[tuple[UploadedFile, str]]:
    if len(files) > MAX_FILES:
        raise DomainError(TOO_MANY_FILES, field="files")
    limit = deliverable_max_bytes()
    return [
        (file, upload_check(file, field="files", noun="file", kinds=DELIVERABLE_KINDS, max_bytes=limit))
        for file in files
    ]


def deliverable_submit(
    *,
    task: Task,
    contractor: Contractor,
    milestone: TaskMilestone | None = None,
    note: str = "",
    links: Any = None,
    files: list[UploadedFile] | None = None,
) -> Deliverable:
    """Hand work over on `task` (the caller has checked it is the contractor's own), for the whole
    task or for `milestone`. Raises FieldErrors / DomainError for bad input, and saves nothing then."""
    errors = Errors()
    note = errors.text(note or "", field="note", label="Note", max_length=MAX_NOTE, required=False)
    links = _links(errors, links)
    errors.raise_if_any()
    checked = _checked_files(list(files or ()))
    if not links and not checked:
        raise DomainError(NOTHING, field="files")
    if milestone is not None and milestone.task_id != task.pk:
        raise DomainError(FOREIGN_MILESTONE, field="milestone")
    now = timezone.now()
    with transaction.atomic():
        task = (
            Task.objects.select_for_update(of=("self",))
            .select_related("organization", "contractor", "contractor__user", "created_by")
            .get(pk=task.pk)
        )
        if task.status not in WORKING:
            raise DomainError(NOT_WORKING, code="task_not_in_progress")
        deliverable = Deliverable.objects.select_for_update().filter(task=task, milestone=milestone).first()
        if deliverable is None:
            deliverable = Deliverable.objects.create(
                organization_id=task.organization_id,
                task=task,
                milestone=milestone,
                contractor_id=task.contractor_id,
                title=milestone.title if milestone is not None else task.title,
                created_at=now,
                submitted_at=now,
            )
        else:
            if deliverable.status == DeliverableStatus.ACCEPTED:
                raise DomainError(ALREADY_ACCEPTED, code="deliverable_accepted")
            if deliverable.status == DeliverableStatus.CHANGES_REQUESTED:
                deliverable.status = DELIVERABLE_FLOW.next(deliverable.status, RESUBMIT)
            deliverable.version += 1
            deliverable.submitted_at = now
            deliverable.save(update_fields=["status", "version", "submitted_at"])
        version = DeliverableVersion.objects.create(
            organization_id=task.organization_id,
            deliverable=deliverable,
            contractor_id=task.contractor_id,
            number=deliverable.version,
            note=note,
            links=links,
            submitted_by=contractor.user,
            submitted_at=now,
        )
        for file, kind in checked:
            stored = DeliverableFile(
                organization_id=task.organization_id,
                version=version,
                name=os.path.basename(file.name or "").replace("\x00", "")[-200:] or "file",
                size=file.size or 0,
                kind=kind,
            )
            stored.file.save(upload_name(kind), file, save=False)
            stored.save()
        if task.status == TaskStatus.ACCEPTED:
            task = task_start(task=task, contractor=contractor)
        if milestone is None and task.status == TaskStatus.IN_PROGRESS:
            task_submit(task=task, contractor=contractor)
        event_record(
            action=events.DELIVERABLE_SUBMITTED,
            organization=task.organization,
            actor=contractor.user,
            obj=deliverable,
            after={"version": version.number, "files": len(checked), "links": len(links)},
        )
        deliverable.task, deliverable.organization, deliverable.contractor = task, task.organization, task.contractor
        deliverable_submitted_notify(deliverable=deliverable, number=version.number)
    return deliverable
