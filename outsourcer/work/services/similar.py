"""A task in the similar-work index (docs/similar.md): what the duplicate check reads of it, the
guard its create and edit go through, and the override event when the owner proceeds anyway."""

from outsourcer.audit.events import event_record
from outsourcer.similar.guard import Verdict, match_text, similar_guard
from outsourcer.similar.models import DocumentKind
from outsourcer.similar.services import similar_document_save
from outsourcer.work import events
from outsourcer.work.models import Task

# The brief fields the check reads besides the title; an edit of any other field is not re-checked.
SIMILAR_FIELDS = ("title", "goal", "deliverables")


def task_similar_text(*, goal: str, deliverables: str) -> str:
    """The brief as the duplicate check reads it: the goal and the deliverables."""
    return "\n".join(part for part in (goal, deliverables) if part)


def task_index(task: Task, *, new: bool = False) -> None:
    """Write `task`'s entry in the similar-work index (call inside the write's transaction; `new`
    right after inserting the task)."""
    similar_document_save(
        organization=task.organization,
        kind=DocumentKind.TASK,
        object_id=task.pk,
        title=task.title,
        text=task_similar_text(goal=task.goal, deliverables=task.deliverables),
        contractor=task.contractor,
        is_open=task.is_open,
        closed_at=task.done_at,
        new=new,
    )


def task_duplicates_guard(
    *, organization, values: dict, contractor_id: int, exclude: int | None, reason: str
) -> Verdict:
    """OverrideRequired (code "similar_work") when the brief `values` duplicate open work with
    another contractor or out for bids, unless a `reason` is given."""
    return similar_guard(
        organization=organization,
        kind=DocumentKind.TASK,
        title=values["title"],
        brief=task_similar_text(goal=values.get("goal", ""), deliverables=values.get("deliverables", "")),
        contractor_id=contractor_id,
        exclude=(DocumentKind.TASK, exclude) if exclude else None,
        override_reason=reason,
    )


def task_duplicate_override_record(*, task: Task, actor, verdict: Verdict, reason: str) -> None:
    event_record(
        action=events.TASK_DUPLICATE_OVERRIDDEN,
        organization=task.organization,
        actor=actor,
        obj=task,
        after={"contractor": task.contractor.name, "similar": [match_text(match) for match in verdict.blocking]},
        reason=reason,
    )
