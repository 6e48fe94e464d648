"""Query helpers shared by every domain's selectors."""

from django.db.models import QuerySet


def filter_given[Q: QuerySet](queryset: Q, **lookups) -> Q:
    """Filter by each lookup whose value was given: an empty filter (``""``, ``None``, ``0``) means
    "any", as list pages and the API pass every filter whether the user set it or not."""
    given = {lookup: value for lookup, value in lookups.items() if value}
    return queryset.filter(**given) if given else queryset
