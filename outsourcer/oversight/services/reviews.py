"""The organization's decision on the latest hand-over: accept it, or ask for changes with
structured reasons and a comment. Accepting a fixed-price milestone posts its spend entry through
contracts' `milestone_accept` (the ledger's one way in); accepting the whole task marks it done;
asking for changes on the whole task sends it back to work."""

from django.db import transaction
from django.utils import timezone

from outsourcer.accounts.models import User
from outsourcer.audit.events import event_record
from outsourcer.contracts.models import MilestoneStatus
from outsourcer.contracts.services import milestone_accept
from outsourcer.lib.validation import Errors
from outsourcer.oversight import events
from outsourcer.oversight.flows import ACCEPT, DELIVERABLE_FLOW, REQUEST_CHANGES
from outsourcer.oversight.models import ChangeReason, Deliverable, DeliverableVersion, Review, ReviewDecision
from outsourcer.oversight.services.notices import deliverable_decided_notify
from outsourcer.work.models import TaskStatus
from outsourcer.work.services import task_done, task_revise

MAX_COMMENT = 5_000
NO_REASON = "Choose at least one reason."
BAD_REASON = "Choose reasons from the list."
NO_COMMENT = "Say what should change, so the contractor can act on it."


def _lock(deliverable: Deliverable) -> tuple[Deliverable, DeliverableVersion]:
    deliverable = (
        Deliverable.objects.select_for_update(of=("self",))
        .select_related(
            "organization",
            "task",
            "task__organization",
            "task__contractor",
            "milestone",
            "contractor",
            "contractor__user",
        )
        .get(pk=deliverable.pk)
    )
    version = DeliverableVersion.objects.get(deliverable=deliverable, number=deliverable.version)
    return deliverable, version


def _review(deliverable, version, *, decision: str, actor: User, now, reasons=(), comment: str = "") -> Review:
    latency = max(int((now - version.submitted_at).total_seconds() // 60), 0)
    return Review.objects.create(
        organization_id=deliverable.organization_id,
        deliverable=deliverable,
        version=version,
        contractor_id=deliverable.contractor_id,
        decision=decision,
        reasons=list(reasons),
        comment=comment,
        reviewer=actor,
        decided_at=now,
        latency_minutes=latency,
    )


def deliverable_accept(*, deliverable: Deliverable, actor: User, comment: str = "") -> Review:
    """submitted → accepted. The caller has checked the role and that it is not the actor's own work."""
    errors = Errors()
    comment = errors.text(comment or "", field="comment", label="Comment", max_length=MAX_COMMENT, required=False)
    errors.raise_if_any()
    now = timezone.now()
    with transaction.atomic():
        deliverable, version = _lock(deliverable)
        status = DELIVERABLE_FLOW.next(deliverable.status, ACCEPT)
        review = _review(deliverable, version, decision=ReviewDecision.ACCEPT, actor=actor, now=now, comment=comment)
        deliverable.status = status
        deliverable.decided_at = now
        deliverable.accepted_at = now
        deliverable.save(update_fields=["status", "decided_at", "accepted_at"])
        paid = deliverable.milestone.contract_milestone if deliverable.milestone_id else None
        if paid is not None and paid.status == MilestoneStatus.PENDING:
            milestone_accept(milestone=paid, actor=actor)
        if deliverable.milestone_id is None and deliverable.task.status == TaskStatus.SUBMITTED:
            task_done(task=deliverable.task, actor=actor)
        event_record(
            action=events.DELIVERABLE_ACCEPTED,
            organization=deliverable.organization,
            actor=actor,
            obj=deliverable,
            before={"status": "submitted"},
            after={"status": status, "version": version.number, "latency_minutes": review.latency_minutes},
        )
        deliverable_decided_notify(deliverable=deliverable, review=review)
    return review


def deliverable_request_changes(*, deliverable: Deliverable, actor: User, reasons, comment: str) -> Review:
    """submitted → changes requested, with at least one ChangeReason and a comment."""
    errors = Errors()
    comment = errors.text(comment or "", field="comment", label="Comment", max_length=MAX_COMMENT, required=False)
    if not comment:
        errors.add("comment", NO_COMMENT)
    if isinstance(reasons, str):
        reasons = [reasons]
    reasons = list(dict.fromkeys(reasons or ()))
    if not reasons:
        errors.add("reasons", NO_REASON)
    elif any(reason not in ChangeReason.values for reason in reasons):
        errors.add("reasons", BAD_REASON)
    errors.raise_if_any()
    now = timezone.now()
    with transaction.atomic():
        deliverable, version = _lock(deliverable)
        status = DELIVERABLE_FLOW.next(deliverable.status, REQUEST_CHANGES)
        review = _review(
            deliverable,
            version,
            decision=ReviewDecision.CHANGES,
            actor=actor,
            now=now,
            reasons=reasons,
            comment=comment,
        )
        deliverable.status = status
        deliverable.decided_at = now
        deliverable.save(update_fields=["status", "decided_at"])
        if deliverable.milestone_id is None and deliverable.task.status == TaskStatus.SUBMITTED:
            task_revise(task=deliverable.task, actor=actor)
        event_record(
            action=events.DELIVERABLE_CHANGES_REQUESTED,
            organization=deliverable.organization,
            actor=actor,
            obj=deliverable,
            before={"status": "submitted"},
            after={
                "status": status,
                "version": version.number,
                "reasons": [ChangeReason(reason).label for reason in reasons],
                "latency_minutes": review.latency_minutes,
            },
        )
        deliverable_decided_notify(deliverable=deliverable, review=review)
    return review
