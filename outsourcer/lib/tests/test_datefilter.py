"""|date in every template is lib.datefilter's remembering one: the same text as Django's."""

import datetime
from zoneinfo import ZoneInfo

from django.template.defaultfilters import date as django_date
from django.template.loader import engines
from django.utils import timezone, translation

from outsourcer.lib import datefilter

DAYS = [datetime.date(2026, 12, 3), datetime.date(2025, 2, 28), datetime.date(2024, 2, 29), datetime.date(1999, 1, 1)]
FORMATS = ["j M Y", "D j M", "Y-m-d", "j M", "D j M Y", "N jS F Y, l", "W o", None]


def render(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


def test_the_project_templates_use_the_remembering_filter():
    template = engines["django"].from_string("{{ day|date:'j M' }}")
    assert template.template.nodelist[0].filter_expression.filters[0][0] is datefilter.date


def test_days_read_as_djangos_filter_writes_them_twice_over():
    datefilter.remembered_date.cache_clear()
    for _ in range(2):  # the second round from the cache
        for day in DAYS:
            for fmt in FORMATS:
                source = "{{ day|date }}" if fmt is None else "{{ day|date:fmt }}"
                assert render(source, day=day, fmt=fmt) == django_date(day, fmt)
    assert datefilter.remembered_date.cache_info().hits >= len(DAYS) * len(FORMATS)


def test_the_language_is_part_of_the_answer():
    day = datetime.date(2026, 3, 5)
    with translation.override("en"):
        english = render("{{ day|date:'F' }}", day=day)
    with translation.override("de"):
        german = render("{{ day|date:'F' }}", day=day)
        assert german == django_date(day, "F")
    assert english == "March"
    assert german == "März"


def test_datetimes_and_odd_values_go_through_djangos_filter():
    moment = datetime.datetime(2026, 12, 3, 23, 30, tzinfo=datetime.UTC)
    with timezone.override(ZoneInfo("Pacific/Auckland")):
        assert render("{{ moment|date:'j M Y H:i T' }}", moment=moment) == "4 Dec 2026 12:30 NZDT"
    with timezone.override(ZoneInfo("America/New_York")):
        assert render("{{ moment|date:'j M Y H:i T' }}", moment=moment) == "3 Dec 2026 18:30 EST"
    source = "{{ none|date:'j M' }}|{{ empty|date:'j M' }}|{{ text|date:'j M' }}"
    assert render(source, none=None, empty="", text="x") == "||"
