import pytest
from django.core.paginator import EmptyPage

from outsourcer.lib import pagination
from outsourcer.lib.pagination import CappedPaginator


@pytest.fixture
def cap_of_five(monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CAP", 5)


def test_it_counts_exactly_up_to_the_cap(cap_of_five):
    paginator = CappedPaginator(list(range(4)), 2)

    assert (paginator.count, paginator.count_text, paginator.is_capped, paginator.num_pages) == (4, "4", False, 2)
    assert not paginator.page(2).has_next()


def test_past_the_cap_it_says_more_and_pages_on_by_reading_one_row_more(cap_of_five):
    paginator = CappedPaginator(list(range(12)), 2)

    assert (paginator.count_text, paginator.is_capped) == ("5+", True)
    sixth = paginator.page(6)
    assert (list(sixth), sixth.has_next(), sixth.has_previous(), sixth.end_index()) == ([10, 11], False, True, 12)
    assert paginator.page(5).has_next()
    with pytest.raises(EmptyPage):
        paginator.page(7)


def test_a_page_past_the_end_or_not_a_number_shows_the_first_when_the_end_is_unknown(cap_of_five):
    paginator = CappedPaginator(list(range(12)), 2)

    assert list(paginator.get_page(99)) == [0, 1]
    assert list(paginator.get_page("x")) == [0, 1]
    assert list(CappedPaginator(list(range(4)), 2).get_page(99)) == [2, 3]  # under the cap: the last


@pytest.mark.django_db
def test_counting_past_the_first_page_reads_a_list_that_fits_in_one_query(django_assert_num_queries):
    from django.contrib.contenttypes.models import ContentType

    rows = ContentType.objects.order_by("pk")
    total = rows.count()
    with django_assert_num_queries(1):
        page = CappedPaginator(rows, total + 1, count_past_first_page=True).get_page(None)
        assert (len(page), page.has_other_pages(), page.paginator.num_pages) == (total, False, 1)
    with django_assert_num_queries(2):  # one row more than the page shows: then it counts
        page = CappedPaginator(rows, total - 1, count_past_first_page=True).get_page("1")
        assert (len(page), page.has_next(), page.paginator.count) == (total - 1, True, total)
    with django_assert_num_queries(0):
        assert list(CappedPaginator(rows.none(), 5, count_past_first_page=True).get_page("x")) == []


def test_counting_past_the_first_page_pages_like_counting_first(cap_of_five):
    for rows in (list(range(4)), list(range(12))):
        for number in (None, "x", 1, 2, 3, 99, 0):
            lazy = CappedPaginator(rows, 2, count_past_first_page=True).get_page(number)
            eager = CappedPaginator(rows, 2).get_page(number)
            assert (list(lazy), lazy.number, lazy.has_next(), lazy.has_previous(), lazy.end_index()) == (
                list(eager),
                eager.number,
                eager.has_next(),
                eager.has_previous(),
                eager.end_index(),
            )


@pytest.mark.django_db
def test_the_capped_count_does_not_sort_what_it_counts(cap_of_five):
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    rows = ContentType.objects.order_by("-model", "-pk")  # an order no index gives
    with CaptureQueriesContext(connection) as captured:
        paginator = CappedPaginator(rows, 2)
        assert (paginator.count, paginator.count_text) == (6, "5+")
    assert "ORDER BY" not in captured.captured_queries[0]["sql"]
    assert list(paginator.page(1)) == list(rows[:2])  # the page itself keeps the list's order
