"""Page-numbered lists whose count does not grow with the table (docs/performance.md).

Django's Paginator counts every matching row on every page view. `CappedPaginator` counts at most
COUNT_CAP + 1 of them (a COUNT over a LIMIT subquery): up to COUNT_CAP the page shows the exact
count and "Page 3 of 7"; beyond, "1,000+" and "Page 3", and whether there is a next page is told
by reading one row more than the page shows.

`count_past_first_page=True` (a page every signed-in user opens, such as the notifications): the
first page reads its rows first, one more than it shows, and counts only when that extra row
came back; a list that fits on one page is then one query, not two (docs/performance.md).
"""

from functools import cached_property

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import QuerySet

COUNT_CAP = 1_000


class CappedPaginator(Paginator):
    def __init__(self, object_list, per_page, *args, count_past_first_page: bool = False, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.count_past_first_page = count_past_first_page

    @cached_property
    def count(self) -> int:
        """The number of rows, exact up to COUNT_CAP; COUNT_CAP + 1 means "more"."""
        rows = self.object_list
        if not isinstance(rows, QuerySet):
            return min(len(rows), COUNT_CAP + 1)
        # Without the list's order: any COUNT_CAP + 1 rows count the same, and an order the index
        # does not give (a filter on several statuses, newest first) would sort every match.
        return rows.order_by()[: COUNT_CAP + 1].count()

    @property
    def is_capped(self) -> bool:
        return self.count > COUNT_CAP

    @property
    def count_text(self) -> str:
        return f"{COUNT_CAP:,}+" if self.is_capped else f"{self.count:,}"

    def validate_number(self, number) -> int:
        if not self.is_capped:
            return super().validate_number(number)
        # Past the cap the last page is unknown: any page number is valid until it comes back empty.
        try:
            number = int(number)
        except (TypeError, ValueError) as exc:
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from exc
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return number

    def page(self, number) -> Page:
        if not self.is_capped:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        return CappedPage(rows[: self.per_page], number, self, has_more=len(rows) > self.per_page)

    def get_page(self, number) -> Page:
        if self.count_past_first_page and _first_page_asked(number):
            rows = list(self.object_list[: self.per_page + 1])
            if len(rows) <= self.per_page:
                self.__dict__["count"] = len(rows)  # the whole list: nothing left to count
                return Page(rows, 1, self)
            return CappedPage(rows[: self.per_page], 1, self, has_more=True)
        try:
            return self.page(self.validate_number(number))
        except PageNotAnInteger:
            return self.page(1)
        except EmptyPage:
            # Past the end: the last page when it is known, else the first.
            return self.page(1 if self.is_capped else self.num_pages)


def _first_page_asked(number) -> bool:
    """Whether `get_page(number)` answers page 1 whatever the count: 1, or not a number."""
    try:
        return int(number) == 1
    except (TypeError, ValueError):
        return True


class CappedPage(Page):
    def __init__(self, object_list, number, paginator, *, has_more: bool):
        super().__init__(object_list, number, paginator)
        self.has_more = has_more

    def has_next(self) -> bool:
        return self.has_more

    def end_index(self) -> int:
        return (self.number - 1) * self.paginator.per_page + len(self.object_list)
