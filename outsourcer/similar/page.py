"""What the task and job forms show of similar work (templates/similar/matches.html): the
matches for what the form holds now, which of them need a reason, and the reason's field."""

from outsourcer.similar.guard import blocking_matches, match_text
from outsourcer.similar.selectors import similar_find


def similar_context(ctx, form, *, kind: str, exclude: int | None, contract=None) -> dict:
    """The template's `similar`, `blocking` and `reason_field` for `form` (valid fields only); a
    task's matches are judged for the contract's contractor."""
    data = getattr(form, "cleaned_data", {})
    title = data.get("title") or ""
    brief = "\n".join(part for part in (data.get("goal") or "", data.get("deliverables") or "") if part)
    matches = similar_find(
        organization=ctx.organization, title=title, brief=brief, exclude=(kind, exclude) if exclude else None
    )
    blocking = blocking_matches(matches, kind=kind, contractor_id=contract.contractor_id if contract else None)
    rows = [{"match": match, "text": match_text(match), "blocking": match in blocking} for match in matches]
    return {
        "similar": rows,
        "blocking": blocking,
        "reason_field": form["duplicate_override_reason"],
        "slug": ctx.organization.slug,
    }
