"""`|date` that remembers how it wrote a day: a template builtin (config/settings.py TEMPLATES
"builtins") replacing Django's filter in every template, with the same output.

Pages write the same few hundred days over and over (the budget page's burn table, periods and
ledger, time review's rows: ~150 a page), and Django's filter walks the format string and looks
up the language's formats for each: ~10 % of the budget page's CPU (docs/performance.md). A
`date` (not a datetime: its text depends on its time zone, which equal datetimes do not share)
written with a format depends only on the day, the format and the language: those answers are
kept in a bounded cache; anything else goes through Django's filter unchanged."""

import datetime
from functools import lru_cache

from django import template
from django.template.defaultfilters import date as django_date
from django.utils.translation import get_language

register = template.Library()


@lru_cache(maxsize=8192)
def remembered_date(value: datetime.date, arg: str | None, language: str | None) -> str:
    # `language` is part of the key only: Django's filter reads the current one itself.
    return django_date(value, arg)


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    """Django's `|date`; days (`datetime.date`) with a text or no format from the cache."""
    if type(value) is datetime.date and (arg is None or isinstance(arg, str)):
        return remembered_date(value, arg, get_language())
    return django_date(value, arg)
