"""A job in the similar-work index (docs/similar.md): what the duplicate check reads of it, the
guard its create and edit go through, and the override event when the owner proceeds anyway."""

from outsourcer.audit.events import event_record
from outsourcer.hiring.events import jobs as events
from outsourcer.hiring.models import Job, JobStatus
from outsourcer.similar.guard import Verdict, match_text, similar_guard
from outsourcer.similar.models import DocumentKind
from outsourcer.similar.services import similar_document_save

# The brief fields the check reads besides the title; an edit of any other field is not re-checked.
SIMILAR_FIELDS = ("title", "goal", "deliverables")


def job_similar_text(*, goal: str, deliverables: str) -> str:
    """The brief as the duplicate check reads it: the goal and the deliverables."""
    return "\n".join(part for part in (goal, deliverables) if part)


def job_index(job: Job, *, new: bool = False) -> None:
    """Write `job`'s entry in the similar-work index (call inside the write's transaction; `new`
    right after inserting the job): open while a draft or out for bids; once awarded, held by the
    winner."""
    contract = job.contract if job.contract_id else None
    similar_document_save(
        organization=job.organization,
        kind=DocumentKind.JOB,
        object_id=job.pk,
        title=job.title,
        text=job_similar_text(goal=job.goal, deliverables=job.deliverables),
        contractor=contract.contractor if contract is not None else None,
        is_open=job.status in (JobStatus.DRAFT, JobStatus.OPEN),
        closed_at=job.decided_at,
        new=new,
    )


def job_duplicates_guard(*, organization, values: dict, exclude: int | None, reason: str) -> Verdict:
    """OverrideRequired (code "similar_work") when the brief `values` duplicate any open task or
    job of the organization, unless a `reason` is given."""
    return similar_guard(
        organization=organization,
        kind=DocumentKind.JOB,
        title=values["title"],
        brief=job_similar_text(goal=values.get("goal", ""), deliverables=values.get("deliverables", "")),
        exclude=(DocumentKind.JOB, exclude) if exclude else None,
        override_reason=reason,
    )


def job_duplicate_override_record(*, job: Job, actor, verdict: Verdict, reason: str) -> None:
    event_record(
        action=events.JOB_DUPLICATE_OVERRIDDEN,
        organization=job.organization,
        actor=actor,
        obj=job,
        after={"similar": [match_text(match) for match in verdict.blocking]},
        reason=reason,
    )
