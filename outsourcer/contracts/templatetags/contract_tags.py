"""The rows of the contractor's time entries (portal/time.html), written in Python for speed
(outsourcer/lib/rows.py says why). The HTML is the template loop's own, character for character
(contracts/tests/test_portal_time_rows.py renders both)."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from outsourcer.contracts.models import TimeEntryStatus
from outsourcer.lib.durations import duration_text
from outsourcer.lib.rows import CELL, ROW_END, ROW_START, DateNames, choice_labels, csrf_input, url_around_id

register = template.Library()

NO_NOTE = "—"
REVIEWED = '<small class="muted">Reviewed</small>'


@register.simple_tag(takes_context=True)
def portal_time_rows(context, entries) -> str:
    """The contractor's time entry rows: day, client · contract, duration, note, status (with the
    rejection reason), and Edit/Correct and Delete until the entry is approved."""
    edit_head, edit_tail = url_around_id("portal:time-edit")
    delete_head, delete_tail = url_around_id("portal:time-delete")
    statuses = choice_labels(TimeEntryStatus.choices)
    dates = DateNames()
    token = None
    rows = []
    for entry in entries:
        status = escape(entry.status)
        minutes = duration_text(entry.minutes)  # digits, "h" and "min": nothing to escape
        if entry.status == TimeEntryStatus.REJECTED and entry.rejection_reason:
            reason = f"<br><small>Reason: {escape(entry.rejection_reason)}</small>"
        else:
            reason = ""
        if entry.status == TimeEntryStatus.APPROVED:
            actions = REVIEWED
        else:
            if token is None:
                # As `{% csrf_token %}` does, the token is read only when a form needs it.
                token = csrf_input(context)
            verb = "Correct" if entry.status == TimeEntryStatus.REJECTED else "Edit"
            actions = (
                f'<a href="{edit_head}{entry.pk}{edit_tail}">{verb}</a>\n            '
                f'<form method="post" action="{delete_head}{entry.pk}{delete_tail}" class="inline-form">{token}'
                f'<button type="submit" class="link-button" aria-label="Delete {minutes} on '
                f'{dates.day_month(entry.worked_on)}">Delete</button></form>'
            )
        rows.append(
            f"{ROW_START}{dates.weekday_day_month(entry.worked_on)}"
            f"{CELL}{escape(entry.organization.name)} · {escape(entry.contract.title)}"
            f'</td>\n          <td class="num"><span class="cell-label">Time</span>{minutes}'
            f"{CELL}{escape(entry.note) if entry.note else NO_NOTE}"
            f'{CELL}<span class="status status-{status}">{statuses.get(entry.status, status)}</span>{reason}'
            f"{CELL}{actions}{ROW_END}"
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value above is escaped
