import pytest

from outsourcer.accounts.models import Organization
from outsourcer.lib.queries import filter_given


@pytest.mark.django_db
def test_it_skips_lookups_without_a_value():
    queryset = Organization.objects.all()

    assert filter_given(queryset, name="", pk=None, id__gte=0) is queryset


@pytest.mark.django_db
def test_it_filters_by_the_lookups_given():
    Organization.objects.create(name="Acme", slug="acme")
    Organization.objects.create(name="Brick", slug="brick")

    names = filter_given(Organization.objects.all(), name="", slug="brick").values_list("name", flat=True)

    assert list(names) == ["Brick"]
