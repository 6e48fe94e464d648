"""Reads of hand-overs: the organization's Reviews list (waiting first, oldest first), the
contractor's list, and one deliverable's versions with their files and reviews."""

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When

from outsourcer.accounts.models import Organization
from outsourcer.contractors.models import Contractor
from outsourcer.oversight.models import Deliverable, DeliverableFile, DeliverableStatus, DeliverableVersion, Review

ALL = "all"
# The Reviews list's status filter: "" (every status, waiting first) or one status.
STATUS_FILTERS = [(ALL, "Every status"), *DeliverableStatus.choices]
LIST_RELATED = ("task", "milestone", "contractor")


def _filtered(deliverables: QuerySet[Deliverable], status: str) -> QuerySet[Deliverable]:
    if status and status != ALL:
        deliverables = deliverables.filter(status=status)
    return deliverables


def deliverable_list_for_organization(
    *, organization: Organization, status: str = ALL, contractor_id: int | None = None
) -> QuerySet[Deliverable]:
    """The organization's hand-overs: waiting for review first, oldest hand-over first; then the
    others, latest decision first."""
    deliverables = _filtered(Deliverable.objects.filter(organization=organization), status)
    if contractor_id is not None:
        deliverables = deliverables.filter(contractor_id=contractor_id)
    waiting_first = Case(
        When(status=DeliverableStatus.SUBMITTED, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return deliverables.select_related(*LIST_RELATED).order_by(
        waiting_first,
        Case(When(status=DeliverableStatus.SUBMITTED, then="submitted_at")).asc(nulls_last=True),
        "-decided_at",
        "id",
    )


def deliverable_list_for_contractor(*, contractor: Contractor, status: str = ALL) -> QuerySet[Deliverable]:
    """The contractor's hand-overs in every organization, latest hand-over first."""
    deliverables = _filtered(Deliverable.objects.filter(contractor=contractor), status)
    return deliverables.select_related("organization", *LIST_RELATED).order_by("-submitted_at", "-id")


def deliverable_contractor_choices(*, organization: Organization) -> list[tuple[int, str]]:
    """(contractor id, name) of the contractors who handed work over, for the list's filter."""
    rows = (
        Deliverable.objects.filter(organization=organization)
        .order_by("contractor__name", "contractor_id")
        .values_list("contractor_id", "contractor__name")
        .distinct()
    )
    return list(rows)


def deliverable_versions(*, deliverable: Deliverable) -> list[DeliverableVersion]:
    """Every version, latest first, with its files and its review (None while waiting)."""
    versions = (
        DeliverableVersion.objects.filter(deliverable=deliverable)
        .select_related("review", "review__reviewer")
        .prefetch_related(Prefetch("files", queryset=DeliverableFile.objects.order_by("id")))
        .order_by("-number")
    )
    return list(versions)


def deliverable_file(*, deliverable: Deliverable, file_id: int) -> DeliverableFile | None:
    """One of the deliverable's files (any version), or None."""
    return DeliverableFile.objects.filter(version__deliverable=deliverable, pk=file_id).first()


def deliverable_for_task(*, task_id: int) -> list[Deliverable]:
    """The hand-overs of one task (the whole task and its milestones), for its hand-over page."""
    return list(Deliverable.objects.filter(task_id=task_id).select_related("milestone").order_by("id"))


def latest_review(*, deliverable: Deliverable) -> Review | None:
    return Review.objects.filter(deliverable=deliverable).order_by("-id").first()
