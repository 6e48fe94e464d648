"""The two shapes of "that row, or 404": access helpers put the caller's scope in the query, so a
foreign row and a missing one answer the same."""

from collections.abc import Iterable

from django.db.models import Model, QuerySet
from django.http import Http404


def one_or_404[M: Model](queryset: QuerySet[M]) -> M:
    """The first row of an already scoped queryset, or Http404."""
    row = queryset.first()
    if row is None:
        raise Http404
    return row


def all_or_404[M: Model](queryset: QuerySet[M], ids: Iterable[int]) -> list[M]:
    """The rows of a scoped queryset with these ids (in the queryset's order), or Http404 when any
    of them is missing: another organization's, or gone."""
    wanted = set(ids)
    rows = list(queryset.filter(pk__in=wanted))
    if len(rows) != len(wanted):
        raise Http404
    return rows
