from outsourcer.lib.queries import filter_given


class RecordingQuerySet:
    """Stands in for a QuerySet: lib has no models, and filter_given only calls `filter`."""

    def __init__(self, lookups=None):
        self.lookups = lookups

    def filter(self, **lookups):
        return RecordingQuerySet(lookups)


def test_it_skips_lookups_without_a_value():
    queryset = RecordingQuerySet()

    assert filter_given(queryset, name="", pk=None, id__gte=0) is queryset


def test_it_filters_by_the_lookups_given():
    filtered = filter_given(RecordingQuerySet(), name="", slug="brick", worked_on__gte=None, contract_id=7)

    assert filtered.lookups == {"slug": "brick", "contract_id": 7}
