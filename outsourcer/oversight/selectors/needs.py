"""The home page's oversight items: hand-overs waiting for review and accepted work still owed
feedback, as ordered querysets (the home cuts each to its first rows inside one UNION,
home/need_rows.py); each section's first rows are one index range scan. The Reviews list
(deliver) and the feedback-owed page (feedback) use the same definitions: submitted and not
decided, oldest hand-over first; accepted without feedback, longest-waiting first."""

from django.db.models import QuerySet

from outsourcer.accounts.models import Organization
from outsourcer.oversight.models import Deliverable, DeliverableStatus
from outsourcer.oversight.selectors.feedback import feedback_owed_for_organization as feedback_owed

NEEDS_RELATED = ("task", "milestone", "contractor")


def reviews_waiting_for_organization(
    *, organization: Organization, not_user_id: int | None = None
) -> QuerySet[Deliverable]:
    """Hand-overs waiting for a decision, the oldest hand-over first. `not_user_id` leaves out the
    work of that user's own contractor record (nobody reviews their own work)."""
    rows = Deliverable.objects.filter(organization=organization, status=DeliverableStatus.SUBMITTED)
    if not_user_id is not None:
        rows = rows.exclude(contractor__user_id=not_user_id)
    return rows.select_related(*NEEDS_RELATED).order_by("submitted_at", "id")


def feedback_owed_for_organization(
    *, organization: Organization, not_user_id: int | None = None
) -> QuerySet[Deliverable]:
    """The feedback-owed page's rows (selectors.feedback: accepted without feedback, the
    longest-waiting first), without `not_user_id`'s own work."""
    rows = feedback_owed(organization=organization)
    if not_user_id is not None:
        rows = rows.exclude(contractor__user_id=not_user_id)
    return rows
