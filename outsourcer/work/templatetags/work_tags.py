"""Display helpers for task pages: a moment in a named zone (the contractor's, the organization's),
and the rows of the two task lists."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from outsourcer.contractors.templatetags.contractor_tags import their_time
from outsourcer.lib.rows import CELL, ROW_END, ROW_START, DateNames, choice_labels, url_around_id
from outsourcer.lib.working_time import moment_text
from outsourcer.work.models import Priority, TaskStatus

register = template.Library()


@register.filter
def in_zone(moment, time_zone: str) -> str:
    """ "Fri 21 Mar 2025 17:00" in `time_zone` (UTC when it is not a zone); "" without a moment."""
    if moment is None:
        return ""
    return moment_text(moment, time_zone or "UTC", with_date=True)


# The list pages write their 25 rows in Python (outsourcer/lib/rows.py says why). The HTML is the
# templates' own, character for character (work/tests/test_task_rows.py renders both).
NO_DEADLINE = '<span class="muted">—</span>'


def _status_cells_writer():
    # `get_status_display` / `get_priority_display` for every row: each label translated once a call.
    statuses = choice_labels(TaskStatus.choices)
    priorities = choice_labels(Priority.choices)

    def cells(task) -> str:
        status, priority = escape(task.status), escape(task.priority)
        label = statuses.get(task.status, status)
        return f'<span class="status status-{status}">{label}</span>{CELL}{priorities.get(task.priority, priority)}'

    return cells


@register.simple_tag
def task_rows(tasks, org_slug: str) -> str:
    """The organization's task list rows (tasks/list.html): link, contractor, contract, status,
    priority, deadline in the viewer's zone and the contractor's."""
    head, tail = url_around_id("tasks:detail", org_slug)
    status_cells = _status_cells_writer()
    dates = DateNames()
    rows = []
    for task in tasks:
        name = escape(task.contractor.name)
        if task.deadline_at:
            theirs = their_time(task.deadline_at, task.contractor.time_zone)
            deadline = f'{dates.moment(task.deadline_at)}<br><small class="muted">{escape(theirs)} for {name}</small>'
        else:
            deadline = NO_DEADLINE
        rows.append(
            f'{ROW_START}<a href="{head}{task.pk}{tail}">{escape(task.title)}</a>{CELL}{name}'
            f"{CELL}{escape(task.contract.title)}{CELL}{status_cells(task)}{CELL}{deadline}{ROW_END}"
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value above is escaped


@register.simple_tag
def portal_task_rows(tasks, time_zone: str) -> str:
    """The contractor's task list rows (portal/tasks.html): link, client, status, priority, deadline
    in the contractor's zone."""
    head, tail = url_around_id("tasks-portal:detail")
    status_cells = _status_cells_writer()
    rows = []
    for task in tasks:
        deadline = escape(in_zone(task.deadline_at, time_zone)) if task.deadline_at else NO_DEADLINE
        rows.append(
            f'{ROW_START}<a href="{head}{task.pk}{tail}">{escape(task.title)}</a>{CELL}'
            f"{escape(task.organization.name)}{CELL}{status_cells(task)}{CELL}{deadline}{ROW_END}"
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value above is escaped
