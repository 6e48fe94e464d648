"""What both sides' deliverable pages show: versions with their files, links and review, and the
review's latency in words ("decided in 5 h")."""

from outsourcer.oversight.models import ChangeReason, Deliverable
from outsourcer.oversight.selectors import deliverables as selectors


def latency_text(minutes: int) -> str:
    """35 → "35 min"; 300 → "5 h"; 2 days 3 h → "2 d 3 h"."""
    if minutes < 60:
        return f"{minutes} min"
    hours = minutes // 60
    if hours < 24:
        return f"{hours} h"
    days, rest = divmod(hours, 24)
    return f"{days} d {rest} h" if rest else f"{days} d"


def version_rows(deliverable: Deliverable) -> list[dict]:
    rows = []
    for version in selectors.deliverable_versions(deliverable=deliverable):
        review = getattr(version, "review", None)
        rows.append(
            {
                "version": version,
                "files": list(version.files.all()),
                "review": review,
                "reasons": [ChangeReason(reason).label for reason in review.reasons] if review else [],
                "latency": latency_text(review.latency_minutes) if review else None,
            }
        )
    return rows
