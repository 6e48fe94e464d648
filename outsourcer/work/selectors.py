"""Reads for tasks: the organization's list, the contractor's list across organizations, a task's
milestones, and the choices the forms offer. Every list is ordered by id (newest first) down an
index that starts with its filter."""

from django.db import connection
from django.db.models import QuerySet

from outsourcer.accounts.models import Membership, Organization
from outsourcer.contractors.models import Contractor
from outsourcer.contracts.models import Contract, ContractStatus, Milestone
from outsourcer.lib.queries import fetch_models, model_columns
from outsourcer.work.models import CONTRACTOR_STATUSES, OPEN_STATUSES, Task, TaskMilestone, TaskStatus

OPEN = "open"
ALL = "all"
# What the status filter offers: open (the default), every status, or one status.
STATUS_FILTERS = [(OPEN, "Open"), (ALL, "All"), *TaskStatus.choices]
# The columns the list pages show (`.only(*…)` on the selectors' lists): a task's brief is long text
# and JSON the rows never show, and reading it cost a tenth of the page (docs/performance.md).
TASK_LIST_COLUMNS = (
    "title", "status", "priority", "deadline_at",
    "contractor", "contractor__name", "contractor__time_zone", "contract", "contract__title",
)  # fmt: skip
PORTAL_TASK_LIST_COLUMNS = ("title", "status", "priority", "deadline_at", "organization", "organization__name")


def _statuses(status: str) -> tuple[str, ...] | None:
    if status in ("", OPEN):
        return tuple(OPEN_STATUSES)
    if status == ALL:
        return None
    return (status,)


def task_list_for_organization(
    *, organization: Organization, status: str = OPEN, contractor_id: int | None = None
) -> QuerySet[Task]:
    """The organization's tasks with their contractor and contract, newest first: open ones by
    default (`status`: "open", "all" or one status)."""
    tasks = Task.objects.filter(organization=organization)
    if contractor_id is not None:
        tasks = tasks.filter(contractor_id=contractor_id)
    statuses = _statuses(status)
    if statuses is not None:
        tasks = tasks.filter(status__in=statuses)
    return tasks.select_related("contractor", "contract").order_by("-id")


def task_list_for_contractor(
    *, contractor: Contractor, status: str = OPEN, organization_id: int | None = None
) -> QuerySet[Task]:
    """The contractor's sent tasks in every organization, newest first: open ones by default."""
    tasks = Task.objects.filter(contractor=contractor)
    if organization_id is not None:
        tasks = tasks.filter(organization_id=organization_id)
    statuses = _statuses(status)
    statuses = CONTRACTOR_STATUSES if statuses is None else tuple(s for s in statuses if s in CONTRACTOR_STATUSES)
    # A task cancelled before it was sent never reached the contractor.
    tasks = tasks.filter(status__in=statuses, sent_at__isnull=False)
    return tasks.select_related("organization").order_by("-id")


def task_page_for_contractor(
    *,
    contractor: Contractor,
    status: str = OPEN,
    organization_id: int | None = None,
    before_id: int | None = None,
    offset: int = 0,
    limit: int,
    count_up_to: int,
) -> tuple[list[tuple[Task, str]], int]:
    """One page of `task_list_for_contractor` (newest first: ids below `before_id`, past `offset`
    of them, at most `limit`) as (task, organization name) pairs, and the matching tasks counted
    up to `count_up_to`, in one hand-written statement: the portal's task API is the busiest list,
    and compiling its two ORM queries cost more than the database's answers (docs/performance.md;
    work/tests/test_portal_task_page.py compares it with the ORM list)."""
    statuses = _statuses(status)
    statuses = CONTRACTOR_STATUSES if statuses is None else tuple(s for s in statuses if s in CONTRACTOR_STATUSES)
    if not statuses:
        return [], 0
    where = f"contractor_id = %s AND status IN ({', '.join(['%s'] * len(statuses))}) AND sent_at IS NOT NULL"
    params: list = [contractor.pk, *statuses]
    if organization_id is not None:
        where += " AND organization_id = %s"
        params.append(organization_id)
    quote = connection.ops.quote_name
    tasks, organizations = quote(Task._meta.db_table), quote(Organization._meta.db_table)
    before = " AND id < %s" if before_id is not None else ""
    # The count's one row, joined to the page's rows (none past the end): one round trip either way.
    sql = (
        f"SELECT n.total, o.name, {model_columns(Task, 't')} "  # noqa: S608 - metadata only
        f"FROM (SELECT COUNT(*) AS total FROM (SELECT 1 FROM {tasks} WHERE {where} LIMIT %s) capped) n "
        f"LEFT JOIN (SELECT * FROM {tasks} WHERE {where}{before} ORDER BY id DESC LIMIT %s OFFSET %s) t ON 1 = 1 "
        f"LEFT JOIN {organizations} o ON o.id = t.organization_id ORDER BY t.id DESC"
    )
    page_params = [*params, *([before_id] if before_id is not None else []), limit, offset]
    rows = fetch_models(sql, [*params, count_up_to, *page_params], Task, leading=2)
    total = rows[0][0] if rows else 0
    return [(task, name) for _, name, task in rows if task is not None], total


def task_milestone_list(*, task: Task) -> QuerySet[TaskMilestone]:
    return TaskMilestone.objects.filter(task=task).select_related("contract_milestone").order_by("due_on", "id")


def task_contract_choices(*, organization: Organization) -> list[tuple[int, str]]:
    """(id, "title — contractor") of the organization's draft and active contracts, for the task form."""
    rows = (
        Contract.objects.filter(organization=organization, status__in=[ContractStatus.DRAFT, ContractStatus.ACTIVE])
        .order_by("title", "pk")
        .values_list("pk", "title", "contractor__name")
    )
    return [(pk, f"{title} — {name}") for pk, title, name in rows]


def task_contact_choices(*, organization: Organization) -> list[tuple[int, str]]:
    """(user id, name) of the organization's members, who may be a task's point of contact."""
    rows = (
        Membership.objects.filter(organization=organization)
        .select_related("user")
        .order_by("user__name", "user__email")
    )
    return [(m.user_id, m.user.display_name) for m in rows]


def task_contact(*, organization: Organization, user_id: int | None):
    """The member `user_id` of the organization, or None (no id, or not a member)."""
    if user_id is None:
        return None
    membership = Membership.objects.filter(organization=organization, user_id=user_id).select_related("user").first()
    return membership.user if membership else None


def task_contractor_choices(*, organization: Organization) -> list[tuple[int, str]]:
    """(contractor id, name) of the contractors the organization has tasks with, for the list's filter."""
    rows = (
        Contract.objects.filter(organization=organization)
        .order_by("contractor__name", "contractor_id")
        .values_list("contractor_id", "contractor__name")
        .distinct()
    )
    return list(rows)


def task_organization_choices(*, contractor: Contractor) -> list[tuple[int, str]]:
    """(organization id, name) of the organizations that engage the contractor, for the portal's filter."""
    return list(
        contractor.engagements.order_by("organization__name").values_list("organization_id", "organization__name")
    )


def task_contract_milestones(*, task: Task) -> QuerySet[Milestone]:
    return Milestone.objects.filter(contract_id=task.contract_id).order_by("position", "pk")


def task_loggable_choices(*, contractor: Contractor) -> list[tuple[int, str]]:
    """(task id, "title (contract)") of the contractor's accepted, in-progress or submitted tasks:
    what a time entry may name (the time form's optional task select)."""
    rows = Task.objects.filter(
        contractor=contractor, status__in=[TaskStatus.ACCEPTED, TaskStatus.IN_PROGRESS, TaskStatus.SUBMITTED]
    ).order_by("-id")
    return [
        (pk, f"{title} ({contract})") for pk, title, contract in rows.values_list("pk", "title", "contract__title")[:50]
    ]
