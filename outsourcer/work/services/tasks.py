"""The organization's writes on tasks: draft, change the brief, send (through the brief-clarity
check), answer a question, mark done, cancel."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from outsourcer.accounts.models import Organization, User
from outsourcer.audit.events import event_record
from outsourcer.contractors.models import EngagementStatus
from outsourcer.contracts.models import Contract, ContractStatus
from outsourcer.lib.errors import DomainError, OverrideRequired
from outsourcer.work import events
from outsourcer.work.briefs import brief_check
from outsourcer.work.flows import ANSWER, CANCEL, DONE, EDIT, REVISE, SEND, TASK_FLOW
from outsourcer.work.models import OPEN_STATUSES, Task, TaskStatus
from outsourcer.work.services._clean import BRIEF_FIELDS, brief_clean, reason_clean
from outsourcer.work.services._moves import task_lock, task_move
from outsourcer.work.services.notices import task_sent_notify
from outsourcer.work.services.similar import (
    SIMILAR_FIELDS,
    task_duplicate_override_record,
    task_duplicates_guard,
    task_index,
)
from outsourcer.work.task_briefs import task_brief, task_window

CONTRACT_CLOSED = "Tasks go under a draft or active contract; this one is {status}."
NOT_SENDABLE_CONTRACT = "Activate the contract before sending tasks under it: the contractor does not see drafts."
ENGAGEMENT_ENDED = "Your engagement with this contractor has ended."
BRIEF_FINDINGS = (
    "The brief check has {count} open finding{s}. Fix them, or send it anyway with a reason "
    "(the reason is recorded and shows in the Health Check)."
)


def task_create(
    *,
    organization: Organization,
    actor: User,
    contract: Contract,
    title: str,
    duplicate_override_reason: str = "",
    **brief: Any,
) -> Task:
    """Draft a task under one of the organization's draft or active contracts, for the contract's
    contractor; the brief's keyword arguments are the model's fields. Raises FieldErrors, and
    OverrideRequired (code "similar_work") when it duplicates open work with another contractor,
    unless `duplicate_override_reason` is given (stored on the task, recorded as an override)."""
    unknown = set(brief) - set(BRIEF_FIELDS)
    if unknown:
        raise TypeError(f"unexpected brief fields: {sorted(unknown)}")
    if contract.organization_id != organization.pk:
        raise DomainError("Choose one of your contracts.", field="contract")
    if contract.status not in (ContractStatus.DRAFT, ContractStatus.ACTIVE):
        raise DomainError(CONTRACT_CLOSED.format(status=contract.get_status_display().lower()), field="contract")
    cleaned = brief_clean({"title": title, **brief}, organization=organization)
    reason = _override_reason(duplicate_override_reason)
    task = Task(
        organization=organization,
        contract=contract,
        # The contract's rows as read with it (access_contract): the event and the similar-work
        # index name the contractor without reading it again.
        contractor=contract.contractor,
        engagement=contract.engagement,
        created_by=actor,
        **cleaned,
    )
    with transaction.atomic():
        verdict = task_duplicates_guard(
            organization=organization, values=cleaned, contractor_id=contract.contractor_id, exclude=None, reason=reason
        )
        task.duplicate_override_reason = reason if verdict.blocking else ""
        task.save()
        event_record(
            action=events.TASK_CREATED,
            organization=organization,
            actor=actor,
            obj=task,
            after={"status": task.status, "contractor": contract.contractor.name, "contract": contract.title},
        )
        task_index(task, new=True)
        if verdict.blocking:
            task_duplicate_override_record(task=task, actor=actor, verdict=verdict, reason=reason)
    return task


def _override_reason(value: str) -> str:
    return reason_clean(value, field="duplicate_override_reason", label="Reason", required=False)


def task_update(*, task: Task, actor: User, duplicate_override_reason: str = "", **brief: Any) -> Task:
    """Change the brief of a draft task, or of one the contractor asked about or declined (a
    declined task goes back to draft); absent fields keep their value. Raises FieldErrors,
    IllegalTransition once the contractor has taken it on, and OverrideRequired like
    `task_create` when a changed title, goal or deliverables now duplicate other work."""
    unknown = set(brief) - set(BRIEF_FIELDS)
    if unknown:
        raise TypeError(f"unexpected brief fields: {sorted(unknown)}")
    cleaned = brief_clean(brief, organization=task.organization)
    reason = _override_reason(duplicate_override_reason)
    with transaction.atomic():
        locked = task_lock(task)
        status = TASK_FLOW.next(locked.status, EDIT)
        changed = [name for name, value in cleaned.items() if getattr(locked, name) != value]
        verdict = None
        if set(changed) & set(SIMILAR_FIELDS):
            values = {name: cleaned.get(name, getattr(locked, name)) for name in SIMILAR_FIELDS}
            verdict = task_duplicates_guard(
                organization=locked.organization,
                values=values,
                contractor_id=locked.contractor_id,
                exclude=locked.pk,
                reason=reason,
            )
            locked.duplicate_override_reason = reason if verdict.blocking else ""
        for name, value in cleaned.items():
            setattr(locked, name, value)
        before = locked.status
        locked.status = status
        locked.save()
        task_index(locked)
        if verdict is not None and verdict.blocking:
            task_duplicate_override_record(task=locked, actor=actor, verdict=verdict, reason=reason)
        event_record(
            action=events.TASK_UPDATED,
            organization=locked.organization,
            actor=actor,
            obj=locked,
            before={"status": before},
            after={"status": status, "changed": changed},
        )
    return locked


def task_findings(task: Task, *, send_at=None) -> list:
    """The brief check's findings for the saved task, judged for its contractor as if sent at
    `send_at` (default now)."""
    return brief_check(task_brief(task), task_window(task.engagement), send_at=send_at or timezone.now())


def _check_sendable(task: Task) -> None:
    if task.contract.status != ContractStatus.ACTIVE:
        raise DomainError(NOT_SENDABLE_CONTRACT, field="contract", code="contract_not_active")
    if task.engagement.status == EngagementStatus.ENDED:
        raise DomainError(ENGAGEMENT_ENDED, field="contract", code="engagement_ended")


def task_send(*, task: Task, actor: User, override_reason: str = "") -> Task:
    """draft (or question) → sent, after the brief-clarity check for the contractor as of now. Open
    findings raise OverrideRequired (details: the findings) unless an `override_reason` is given;
    it is stored on the task and in an override event. Tells the contractor."""
    override_reason = reason_clean(override_reason, field="override_reason", label="Reason", required=False)
    # The table and the contract are asked before the brief: no point judging a task that cannot go.
    TASK_FLOW.next(task.status, SEND)
    _check_sendable(task)
    findings = task_findings(task)
    if findings and not override_reason:
        count = len(findings)
        raise OverrideRequired(
            BRIEF_FINDINGS.format(count=count, s="" if count == 1 else "s"),
            code="brief_findings",
            details={
                "findings": [
                    {"code": f.code, "message": f.message, "suggestion": f.suggestion, "field": f.field}
                    for f in findings
                ]
            },
        )
    overridden = bool(findings)
    again = task.status == TaskStatus.QUESTION
    return task_move(
        task,
        action=SEND,
        event=events.TASK_SENT_WITH_OVERRIDE if overridden else events.TASK_SENT,
        actor=actor,
        check=_check_sendable,
        fields={
            "sent_at": timezone.now(),
            "brief_override_reason": override_reason if overridden else "",
            "decline_reason": "",
        },
        after={"findings": [f.message for f in findings]} if overridden else None,
        reason=override_reason if overridden else "",
        then=lambda locked: task_sent_notify(task=locked, again=again),
    )


def task_answer(*, task: Task, actor: User, answer: str) -> Task:
    """question → sent: the organization answers the contractor's question, who is told again."""
    answer = reason_clean(answer, field="answer", label="Answer", max_length=5000)
    return task_move(
        task,
        action=ANSWER,
        event=events.TASK_ANSWERED,
        actor=actor,
        fields={"answer": answer, "sent_at": timezone.now()},
        after={"question": task.question, "answer": answer},
        then=lambda locked: task_sent_notify(task=locked, again=True),
    )


def task_done(*, task: Task, actor: User) -> Task:
    """submitted → done: the organization takes the work as finished."""
    return task_move(task, action=DONE, event=events.TASK_DONE, actor=actor, fields={"done_at": timezone.now()})


def task_revise(*, task: Task, actor: User) -> Task:
    """submitted → in progress: changes were requested on the handed-over work (oversight's review)."""
    return task_move(task, action=REVISE, event=events.TASK_REVISED, actor=actor, fields={"submitted_at": None})


def task_cancel(*, task: Task, actor: User) -> Task:
    """Any open status → cancelled."""
    return task_move(task, action=CANCEL, event=events.TASK_CANCELLED, actor=actor)


def task_cancel_all_for_organization(organization: Organization, actor: User) -> None:
    """Cancel every open task of a closing organization (accounts/services/closing.py), each with
    its usual `task_cancelled` event, so no contractor keeps working on it."""
    open_tasks = Task.objects.filter(organization=organization, status__in=OPEN_STATUSES).order_by("pk")
    for task in open_tasks:
        task_cancel(task=task, actor=actor)
