"""The duplicate-work guard both task and job writes go through: similar work already with
another contractor (for a job: any open similar work) needs a reason to proceed."""

from dataclasses import dataclass

from outsourcer.lib.errors import OverrideRequired
from outsourcer.similar.models import DocumentKind
from outsourcer.similar.selectors import Match, similar_find

SIMILAR_WORK = "similar_work"
# The input that takes the reason, on task and job forms and in the API.
REASON_FIELD = "duplicate_override_reason"


def match_text(match: Match) -> str:
    """“Looks like 'Menu photos', already with Dan (87 % similar)”."""
    holder = f", already with {match.contractor}" if match.contractor else ""
    kind = "the job " if match.kind == DocumentKind.JOB else ""
    return f"Looks like {kind}“{match.title}”{holder} ({match.percent} % similar)"


def match_json(match: Match) -> dict:
    return {
        "id": match.id,
        "kind": match.kind,
        "title": match.title,
        "contractor": match.contractor or None,
        "similarity": match.similarity,
        "duplicate": match.duplicate,
    }


@dataclass(frozen=True)
class Verdict:
    matches: list[Match]
    blocking: list[Match]


def blocking_matches(matches: list[Match], *, kind: str, contractor_id: int | None) -> list[Match]:
    """The open duplicates that need a reason: for a task, those held by another contractor or
    still out for bids; for a job, every one."""
    open_duplicates = [match for match in matches if match.duplicate and match.is_open]
    if kind == DocumentKind.JOB:
        return open_duplicates
    return [match for match in open_duplicates if match.contractor_id is None or match.contractor_id != contractor_id]


def similar_guard(
    *,
    organization,
    kind: str,
    title: str,
    brief: str,
    contractor_id: int | None = None,
    exclude: tuple[str, int] | None = None,
    override_reason: str = "",
) -> Verdict:
    """Raise OverrideRequired (code "similar_work", the duplicates in `details["matches"]`) when
    the work duplicates what `blocking_matches` names and no `override_reason` is given."""
    matches = similar_find(organization=organization, title=title, brief=brief, exclude=exclude)
    blocking = blocking_matches(matches, kind=kind, contractor_id=contractor_id)
    if blocking and not override_reason:
        first = blocking[0]
        more = f" and {len(blocking) - 1} more" if len(blocking) > 1 else ""
        error = OverrideRequired(
            f"{match_text(first)}{more}. Change it, or save it anyway with a reason "
            "(the reason is recorded and shows in the Health Check).",
            code=SIMILAR_WORK,
            details={"matches": [match_json(match) for match in blocking]},
        )
        error.field = REASON_FIELD
        raise error
    return Verdict(matches=matches, blocking=blocking)
