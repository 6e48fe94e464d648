"""Logging time: a contractor creates, corrects and deletes their own entries (review is in
time_review.py)."""

from datetime import date
from typing import Any

from django.db import transaction

from outsourcer.audit.events import event_record
from outsourcer.contractors.models import Contractor
from outsourcer.contracts import events
from outsourcer.contracts.flows import TIME_ENTRY_FLOW
from outsourcer.contracts.models import (
    Contract,
    ContractStatus,
    RateModel,
    TimeEntry,
)
from outsourcer.contracts.services._common import (
    NOT_LOGGABLE,
)
from outsourcer.contracts.services.time_notices import time_waiting_notify
from outsourcer.lib.errors import DomainError
from outsourcer.lib.limits import MAX_DAY_MINUTES
from outsourcer.lib.timezones import today_in
from outsourcer.lib.validation import Errors

# A time entry names a task (work.Task, referred to by name: contracts does not import work) of
# the same contract and contractor.
TASK_NOT_ON_CONTRACT = "Choose one of your tasks under this contract."

# --- time entries ----------------------------------------------------------------------------


def _clean_time(*, contract: Contract, contractor: Contractor, worked_on, minutes, note) -> tuple[date, int, str]:
    errors = Errors()
    worked_on = errors.day(worked_on, field="worked_on", label="Date")
    minutes = errors.integer(minutes, field="minutes", label="Minutes", minimum=1, maximum=MAX_DAY_MINUTES)
    note = errors.text(note, field="note", label="Note", max_length=500, required=False)
    if worked_on:
        if worked_on > today_in(contractor.time_zone):
            errors.add("worked_on", "Log time for today or an earlier day.")
        elif worked_on < contract.starts_on or (contract.ends_on and worked_on > contract.ends_on):
            end = f"{contract.ends_on:%d %b %Y}" if contract.ends_on else "open end"
            errors.add("worked_on", f"The contract runs from {contract.starts_on:%d %b %Y} to {end}.")
    errors.raise_if_any()
    return worked_on, minutes, note


def time_entry_create(
    *, contractor: Contractor, contract: Contract, worked_on: date, minutes: int, note: str = "", task: Any = None
) -> TimeEntry:
    """Log time against the contractor's own ACTIVE hourly or retainer contract (1–1440 minutes,
    within the contract's dates, not in the contractor's future), optionally naming the work.Task
    it was spent on (one of theirs under the same contract)."""
    if contract.contractor_id != contractor.pk:
        raise DomainError("Choose one of your contracts.", field="contract")
    if task is not None and (task.contract_id != contract.pk or task.contractor_id != contractor.pk):
        raise DomainError(TASK_NOT_ON_CONTRACT, field="task")
    if contract.status != ContractStatus.ACTIVE or contract.rate_model == RateModel.FIXED:
        raise DomainError(NOT_LOGGABLE, field="contract", code="not_loggable")
    worked_on, minutes, note = _clean_time(
        contract=contract, contractor=contractor, worked_on=worked_on, minutes=minutes, note=note
    )
    with transaction.atomic():
        entry = TimeEntry.objects.create(
            organization_id=contract.organization_id,
            contractor=contractor,
            contract=contract,
            worked_on=worked_on,
            minutes=minutes,
            note=note,
            task=task,
        )
        event_record(
            action=events.TIME_ENTRY_CREATED,
            organization=contract.organization,
            actor=contractor.user,
            obj=entry,
            after={
                "worked_on": worked_on.isoformat(),
                "minutes": minutes,
                "contract_id": contract.pk,
                "contract": contract.title,
                **({"task": task.title} if task is not None else {}),
            },
        )
        time_waiting_notify(entry=entry)
    return entry


def time_entry_update(
    *, entry: TimeEntry, contractor: Contractor, worked_on: date, minutes: int, note: str = ""
) -> TimeEntry:
    """Edit a submitted entry, or correct a rejected one, which submits it again for review;
    DomainError once it is approved or the contract is no longer active."""
    if entry.contractor_id != contractor.pk:
        raise DomainError("Choose one of your time entries.")
    contract = entry.contract
    worked_on, minutes, note = _clean_time(
        contract=contract, contractor=contractor, worked_on=worked_on, minutes=minutes, note=note
    )
    with transaction.atomic():
        locked = TimeEntry.objects.select_for_update().get(pk=entry.pk)
        status = TIME_ENTRY_FLOW.next(locked.status, "edit")
        if contract.status != ContractStatus.ACTIVE:
            raise DomainError(NOT_LOGGABLE, field="contract", code="not_loggable")
        before = {"worked_on": locked.worked_on.isoformat(), "minutes": locked.minutes, "note": locked.note}
        resubmitted = locked.status != status
        if resubmitted:
            # Back in the review queue: the old review no longer applies to the corrected entry.
            before |= {"status": locked.status, "rejection_reason": locked.rejection_reason}
            locked.status, locked.reviewed_by, locked.reviewed_at, locked.rejection_reason = status, None, None, ""
        locked.worked_on, locked.minutes, locked.note = worked_on, minutes, note
        locked.save(
            update_fields=[
                "worked_on",
                "minutes",
                "note",
                "status",
                "reviewed_by",
                "reviewed_at",
                "rejection_reason",
                "updated_at",
            ]
        )
        after = {"worked_on": worked_on.isoformat(), "minutes": minutes, "note": note}
        event_record(
            action=events.TIME_ENTRY_RESUBMITTED if resubmitted else events.TIME_ENTRY_UPDATED,
            organization=contract.organization,
            actor=contractor.user,
            obj=locked,
            before=before,
            after=after | {"status": status} if resubmitted else after,
        )
        time_waiting_notify(entry=locked)
    return locked


def time_entry_delete(*, entry: TimeEntry, contractor: Contractor) -> None:
    """Delete the contractor's own submitted or rejected entry; DomainError once it is approved."""
    if entry.contractor_id != contractor.pk:
        raise DomainError("Choose one of your time entries.")
    with transaction.atomic():
        locked = TimeEntry.objects.select_for_update().select_related("organization").get(pk=entry.pk)
        TIME_ENTRY_FLOW.next(locked.status, "delete")
        before = {
            "worked_on": locked.worked_on.isoformat(),
            "minutes": locked.minutes,
            "note": locked.note,
            "status": locked.status,
            "contract_id": locked.contract_id,
        }
        event_record(
            action=events.TIME_ENTRY_DELETED,
            organization=locked.organization,
            actor=contractor.user,
            obj=locked,
            before=before,
            after={},
        )
        locked.delete()
