"""Milestones of a task: a fixed-price contract's tasks point at the contract's own payable
milestones (the money domain keeps them); other tasks may give a step an amount of its own."""

from datetime import date

from django.db import transaction

from outsourcer.accounts.models import User
from outsourcer.audit.events import event_record
from outsourcer.contracts.models import Milestone, RateModel
from outsourcer.lib.validation import Errors
from outsourcer.work import events
from outsourcer.work.models import Task, TaskMilestone

FIXED_NEEDS_CONTRACT_MILESTONE = "Under a fixed-price contract, choose one of the contract's milestones."
NOT_FIXED = "Only a fixed-price contract has milestones of its own to choose from."
FIXED_NO_AMOUNT = "The amount of a fixed-price milestone is the contract's; leave the amount empty."
NOT_THIS_CONTRACT = "Choose a milestone of this task's contract."
CLOSED = "The task is {status}; its milestones no longer change."


def task_milestone_create(
    *,
    task: Task,
    actor: User,
    title: str = "",
    due_on: date | None = None,
    amount_cents: int | None = None,
    contract_milestone: Milestone | None = None,
) -> TaskMilestone:
    """Add a milestone to an open task. Fixed price: `contract_milestone` (one of the contract's),
    whose title and due date are the defaults; otherwise a title, a due date and an optional
    amount. Raises FieldErrors."""
    errors = Errors()
    fixed = task.contract.rate_model == RateModel.FIXED
    if not task.is_open:
        errors.add("task", CLOSED.format(status=task.get_status_display().lower()))
    if fixed:
        if contract_milestone is None:
            errors.add("contract_milestone", FIXED_NEEDS_CONTRACT_MILESTONE)
        elif contract_milestone.contract_id != task.contract_id:
            errors.add("contract_milestone", NOT_THIS_CONTRACT)
        if amount_cents is not None:
            errors.add("amount_cents", FIXED_NO_AMOUNT)
        if contract_milestone is not None:
            title = title or contract_milestone.title
            due_on = due_on or contract_milestone.due_on
    elif contract_milestone is not None:
        errors.add("contract_milestone", NOT_FIXED)
    title = errors.text(title, field="title", label="Title", max_length=200)
    due_on = errors.day(due_on, field="due_on", label="Due date")
    amount_cents = errors.integer(amount_cents, field="amount_cents", label="Amount", required=False)
    errors.raise_if_any()
    milestone = TaskMilestone(
        organization_id=task.organization_id,
        task=task,
        title=title,
        due_on=due_on,
        amount_cents=amount_cents,
        contract_milestone=contract_milestone,
    )
    with transaction.atomic():
        milestone.save()
        event_record(
            action=events.TASK_MILESTONE_ADDED,
            organization=task.organization,
            actor=actor,
            obj=milestone,
            after={
                "task": task.title,
                "due_on": due_on.isoformat(),
                "amount_cents": amount_cents,
                "currency": task.contract.currency,
            },
        )
    return milestone
