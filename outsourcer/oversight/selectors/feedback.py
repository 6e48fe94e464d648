"""Reads of feedback both ways: what the organization owes and has given, what a contractor
received (never the private note), and the organization's rating — only as averages of three or
more contractors' ratings."""

from dataclasses import dataclass

from django.db.models import Avg, Count, Exists, OuterRef, QuerySet

from outsourcer.contractors.models import Contractor
from outsourcer.oversight.models import Deliverable, DeliverableStatus, Feedback, OrganizationRating
from outsourcer.work.models import Task, TaskStatus

# The organization sees contractors' ratings of it only from this many on, and only averaged.
RATING_SUMMARY_MIN = 3


def feedback_owed_for_organization(*, organization) -> QuerySet[Deliverable]:
    """Accepted deliverables without feedback, the longest-waiting first."""
    return (
        Deliverable.objects.filter(organization=organization, status=DeliverableStatus.ACCEPTED)
        .exclude(Exists(Feedback.objects.filter(deliverable=OuterRef("pk"))))
        .select_related("task", "contractor", "milestone")
        .order_by("accepted_at", "pk")
    )


def feedback_list_for_organization(*, organization, contractor_id: int | None = None) -> QuerySet[Feedback]:
    """The organization's feedback, newest first, with the deliverable and contractor."""
    rows = Feedback.objects.filter(organization=organization)
    if contractor_id is not None:
        rows = rows.filter(contractor_id=contractor_id)
    return rows.select_related("deliverable", "contractor", "given_by").order_by("-created_at", "-pk")


def feedback_list_for_contractor(*, contractor: Contractor) -> QuerySet[Feedback]:
    """The feedback the contractor received from every organization, newest first. The private
    note is not even read from the database."""
    return (
        Feedback.objects.filter(contractor=contractor)
        .defer("private_note")
        .select_related("deliverable", "organization")
        .order_by("-created_at", "-pk")
    )


def organization_rating_due_for_contractor(*, contractor: Contractor) -> QuerySet[Task]:
    """The contractor's tasks on which they may rate the organization and have not yet: done, or
    with work accepted. Newest first."""
    accepted = Deliverable.objects.filter(task=OuterRef("pk"), status=DeliverableStatus.ACCEPTED)
    rated = OrganizationRating.objects.filter(task=OuterRef("pk"), contractor=contractor)
    return (
        Task.objects.filter(contractor=contractor)
        .filter(Exists(accepted) | Exists(Task.objects.filter(pk=OuterRef("pk"), status=TaskStatus.DONE)))
        .exclude(Exists(rated))
        .select_related("organization")
        .order_by("-pk")
    )


@dataclass(frozen=True)
class OrganizationRatingSummary:
    count: int
    brief_clarity: float
    responsiveness: float
    payment_timeliness: float

    @property
    def overall(self) -> float:
        return round((self.brief_clarity + self.responsiveness + self.payment_timeliness) / 3, 1)


def organization_rating_summary(*, organization) -> OrganizationRatingSummary | None:
    """Contractors' ratings of the organization, averaged (one decimal), or None below
    RATING_SUMMARY_MIN ratings: fewer would let the organization tell who said what. One query."""
    row = OrganizationRating.objects.filter(organization=organization).aggregate(
        count=Count("id"),
        brief_clarity=Avg("brief_clarity"),
        responsiveness=Avg("responsiveness"),
        payment_timeliness=Avg("payment_timeliness"),
    )
    if row["count"] < RATING_SUMMARY_MIN:
        return None
    return OrganizationRatingSummary(
        count=row["count"],
        brief_clarity=round(float(row["brief_clarity"]), 1),
        responsiveness=round(float(row["responsiveness"]), 1),
        payment_timeliness=round(float(row["payment_timeliness"]), 1),
    )
