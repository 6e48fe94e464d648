"""Pieces for table rows written in Python instead of a template loop (work's task lists, the
portal's time entries): through the template engine a row cost a dozen variable lookups,
`{% url %}`/`|date` walks and a choices lookup each, which grew a full page's CPU with its rows
(docs/performance.md). Each piece writes what its template counterpart wrote, character for
character, with whatever is per page (reversing a URL, translating names and labels, the CSRF
token) done once per page, not per row."""

from django.urls import reverse
from django.utils.dates import MONTHS_3, WEEKDAYS_ABBR
from django.utils.html import escape, format_html
from django.utils.timezone import template_localtime

# The shape of a list's `<tr>` inside `<tbody>` as the templates indent it.
ROW_START = "\n        <tr>\n          <td>"
ROW_END = "</td>\n        </tr>\n        "
CELL = "</td>\n          <td>"
# Any number that is not a row's id: its place in a reversed URL is where each row's id goes.
_ID_MARK = 918273645


def url_around_id(name: str, *args) -> tuple[str, str]:
    """`{% url name *args row.pk %}` reversed once: (head, tail), the row's URL being head + id + tail."""
    head, tail = reverse(name, args=[*args, _ID_MARK]).rsplit(str(_ID_MARK), 1)
    return escape(head), escape(tail)


class DateNames:
    """The current language's abbreviated day and month names, translated once, as `|date` writes
    them ("D" Mon…Sun, "M" Jan…Dec), already escaped. (`escape` of a lazy name would stay lazy and
    be translated again at every use, hence `str` first.)"""

    def __init__(self):
        self.weekdays = [escape(str(WEEKDAYS_ABBR[day])) for day in range(7)]
        self.months = ["", *(escape(str(MONTHS_3[month]).title()) for month in range(1, 13))]

    def day_month(self, day) -> str:
        """`|date:"j M"`: "5 Mar"."""
        return f"{day.day} {self.months[day.month]}"

    def weekday_day_month(self, day) -> str:
        """`|date:"D j M"`: "Wed 5 Mar"."""
        return f"{self.weekdays[day.weekday()]} {day.day} {self.months[day.month]}"

    def moment(self, moment) -> str:
        """`|date:"D j M Y, H:i"` of an aware datetime, in the current time zone: "Wed 5 Mar 2025, 17:00"."""
        local = template_localtime(moment)
        return f"{self.weekday_day_month(local)} {local.year:04d}, {local.hour:02d}:{local.minute:02d}"


def choice_labels(choices) -> dict[str, str]:
    """`get_<field>_display` for every row: value → its label, translated once and escaped."""
    return {value: escape(str(label)) for value, label in choices}


def csrf_input(context) -> str:
    """`{% csrf_token %}` in `context` (the template context of the tag writing the rows): the
    hidden input with the page's token, "" when the page has none."""
    token = context.get("csrf_token")
    if not token or token == "NOTPROVIDED":  # noqa: S105 - Django's marker for "no token here"
        return ""
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)
