"""lib.rows writes what the template engine wrote: `{% url %}` around a row's id, `|date` day and
month names in the current language and zone, `get_<field>_display`, `{% csrf_token %}`."""

from datetime import UTC, date, datetime

import pytest
from django.db.models import TextChoices
from django.template import Context, Template
from django.utils import timezone, translation

from outsourcer.lib.rows import DateNames, choice_labels, csrf_input, url_around_id


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


@pytest.mark.parametrize("row_id", [1, 7, 918273645, 12345678901])
def test_the_url_around_an_id_is_the_reversed_one(row_id):
    head, tail = url_around_id("budgets:detail", "crumb")
    assert f"{head}{row_id}{tail}" == render("{% url 'budgets:detail' 'crumb' row_id %}", row_id=row_id)
    head, tail = url_around_id("portal:time-delete")
    assert (head, tail) == ("/portal/time/", "/delete/")


@pytest.mark.parametrize("language", ["en", "de", "fr"])
def test_the_day_and_month_names_are_djangos(language):
    days = [date(2025, month, day) for month in range(1, 13) for day in (1, 2, 3, 4, 5, 6, 7)]
    with translation.override(language):
        names = DateNames()
        for day in days:
            assert names.weekday_day_month(day) == render('{{ d|date:"D j M" }}', d=day)
            assert names.day_month(day) == render('{{ d|date:"j M" }}', d=day)


@pytest.mark.parametrize("zone", ["UTC", "Asia/Kolkata", "America/New_York"])
def test_a_moment_is_written_in_the_current_zone(zone):
    moments = [datetime(2025, 12, 31, 23, 30, tzinfo=UTC), datetime(2025, 3, 9, 7, 5, tzinfo=UTC)]
    with timezone.override(zone), translation.override("de"):
        names = DateNames()
        for moment in moments:
            assert names.moment(moment) == render('{{ m|date:"D j M Y, H:i" }}', m=moment)


class Colour(TextChoices):
    RED = "red", "Red & <hot>"
    BLUE = "blue", translation.gettext_lazy("Blue")


def test_choice_labels_are_the_escaped_displays():
    assert choice_labels(Colour.choices) == {"red": "Red &amp; &lt;hot&gt;", "blue": "Blue"}
    # Translated now, not again at every row: a lazy label is not a str.
    assert all(isinstance(label, str) for label in choice_labels(Colour.choices).values())


@pytest.mark.parametrize("token", ["abc123", 'a<&>"b', ""])
def test_the_csrf_input_is_the_tags(token):
    assert csrf_input(Context({"csrf_token": token})) == render("{% csrf_token %}", csrf_token=token)
    assert csrf_input(Context({})) == ""
    assert csrf_input(Context({"csrf_token": "NOTPROVIDED"})) == ""
