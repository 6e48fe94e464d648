"""A task's brief as the brief-clarity check reads it, and the contractor it is judged for: the
task form's live findings and `task_send` ask the same two functions."""

from collections.abc import Mapping
from typing import Any

from outsourcer.work.briefs import Brief, ContractorWindow

# How the work is paid follows from the contract it is under (the brief check's "rate basis").
RATE_BASIS = {
    "hourly": "Hours at the contract's hourly rate",
    "retainer": "Hours from the monthly retainer",
    "fixed": "The contract's fixed price",
}


def task_brief_from(values: Mapping[str, Any], *, rate_model: str, point_of_contact_name: str) -> Brief:
    """The Brief for brief fields as a task holds them (`deliverable_format` joins the
    deliverables; `deadline_at` is the deadline)."""
    deliverables = str(values.get("deliverables") or "").strip()
    deliverable_format = str(values.get("deliverable_format") or "").strip()
    if deliverables and deliverable_format:
        deliverables = f"{deliverables}\nFormat: {deliverable_format}"
    criteria = values.get("acceptance_criteria") or ()
    return Brief(
        title=str(values.get("title") or ""),
        goal=str(values.get("goal") or ""),
        context=str(values.get("context") or ""),
        deliverables=deliverables,
        acceptance_criteria=tuple(str(line) for line in criteria),
        deadline=values.get("deadline_at"),
        estimate_minutes=values.get("estimate_minutes"),
        point_of_contact=point_of_contact_name,
        rate_basis=RATE_BASIS.get(rate_model, ""),
    )


def task_brief(task: Any) -> Brief:
    """The saved task's brief (with its contract and point of contact loaded)."""
    values = {name: getattr(task, name) for name in ("title", "goal", "context", "deliverables")}
    values.update(
        deliverable_format=task.deliverable_format,
        acceptance_criteria=task.acceptance_criteria,
        deadline_at=task.deadline_at,
        estimate_minutes=task.estimate_minutes,
    )
    contact = task.point_of_contact
    return task_brief_from(
        values, rate_model=task.contract.rate_model, point_of_contact_name=contact.display_name if contact else ""
    )


def task_window(engagement: Any) -> ContractorWindow:
    """The contractor as the check sees them for this engagement (zone, working hours, the weekly
    hours they give the organization)."""
    return ContractorWindow.for_engagement(engagement)
