"""Access helpers for work: a brief is written for a contractor the organization engages; a task
is the organization's, or, for a contractor, their own once it is sent. Foreign or missing → 404."""

from django.db import connection
from django.http import Http404

from outsourcer.accounts.access import OrgContext
from outsourcer.accounts.models import User
from outsourcer.contractors.models import Contractor, Engagement
from outsourcer.contracts.models import Contract
from outsourcer.lib.access import one_or_404
from outsourcer.lib.limits import MAX_ID
from outsourcer.lib.queries import fetch_models, model_columns
from outsourcer.work.models import CONTRACTOR_STATUSES, Task
from outsourcer.work.models_checkins import CheckInCadence

# The check-in cadence too (a LEFT JOIN, one row at most): the task pages show it, and reading it
# with the task saves them a query (selectors_checkins.checkin_cadence_for_task).
TASK_RELATED = (
    "contract", "contractor", "engagement", "engagement__contractor", "point_of_contact", "created_by",
    "checkin_cadence",
)  # fmt: skip


def access_brief_contractor(ctx: OrgContext, contractor_id: int) -> Engagement:
    """The organization's engagement with the contractor `contractor_id` (the contractor's own id,
    not the engagement's), with its contractor; 404 when the organization does not engage them."""
    return one_or_404(
        Engagement.objects.select_related("contractor").filter(
            organization=ctx.organization, contractor_id=contractor_id
        )
    )


def access_task(ctx: OrgContext, task_id: int) -> Task:
    """The organization's task with its contract, contractor and people, or 404."""
    # An id past the column's range (any digits match the URL) names no task; the database would refuse it.
    task = _task_with_related(organization_id=ctx.organization.pk, task_id=task_id) if 0 < task_id <= MAX_ID else None
    if task is None:
        raise Http404
    task.organization = ctx.organization  # the row the filter named: no join to read it again
    return task


# Task pages and task API calls read their task with seven related rows: compiling that ORM query
# cost a quarter of the task page's CPU, so it is one hand-written statement (lib.queries), the
# same rows as `Task.objects.select_related(*TASK_RELATED).filter(organization=…, pk=…).first()`
# (work/tests/test_task_access.py compares them).
_TASK_JOINS = (
    # (model, alias, join), in the order of the SELECT; the LEFT JOINs may match nothing.
    (Contract, "c", "JOIN {table} c ON c.id = t.contract_id"),
    (Contractor, "k", "JOIN {table} k ON k.id = t.contractor_id"),
    (Engagement, "e", "JOIN {table} e ON e.id = t.engagement_id"),
    (Contractor, "ek", "JOIN {table} ek ON ek.id = e.contractor_id"),
    (User, "p", "LEFT JOIN {table} p ON p.id = t.point_of_contact_id"),
    (User, "b", "LEFT JOIN {table} b ON b.id = t.created_by_id"),
    (CheckInCadence, "cc", "LEFT JOIN {table} cc ON cc.task_id = t.id"),
)


def _task_with_related(*, organization_id: int, task_id: int) -> Task | None:
    quote = connection.ops.quote_name
    columns = ", ".join([model_columns(Task, "t"), *(model_columns(model, alias) for model, alias, _ in _TASK_JOINS)])
    joins = " ".join(join.format(table=quote(model._meta.db_table)) for model, _, join in _TASK_JOINS)
    sql = (
        f"SELECT {columns} FROM {quote(Task._meta.db_table)} t {joins} "  # noqa: S608 - metadata only
        "WHERE t.organization_id = %s AND t.id = %s ORDER BY t.id LIMIT 1"
    )
    rows = fetch_models(sql, [organization_id, task_id], Task, *(model for model, _, _ in _TASK_JOINS))
    if not rows:
        return None
    task, contract, contractor, engagement, engagement_contractor, contact, creator, cadence = rows[0]
    for name, value in (
        ("contract", contract),
        ("contractor", contractor),
        ("engagement", engagement),
        ("point_of_contact", contact),
        ("created_by", creator),
    ):
        Task._meta.get_field(name).set_cached_value(task, value)
    Engagement._meta.get_field("contractor").set_cached_value(engagement, engagement_contractor)
    Task._meta.get_field("checkin_cadence").set_cached_value(task, cadence)
    if cadence is not None:
        CheckInCadence._meta.get_field("task").set_cached_value(cadence, task)
    return task


def access_task_for_contractor(contractor: Contractor, task_id: int) -> Task:
    """One of the contractor's own tasks in any organization, once sent (drafts, and tasks cancelled
    before they were sent, stay internal), or 404."""
    return one_or_404(
        Task.objects.select_related("organization", *TASK_RELATED).filter(
            contractor=contractor, pk=task_id, status__in=CONTRACTOR_STATUSES, sent_at__isnull=False
        )
    )
