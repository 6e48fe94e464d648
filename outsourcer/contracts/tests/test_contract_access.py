"""`access_contract` reads a contract with its budget, contractor and engagement in one hand-written
statement (docs/performance.md): the same rows as the ORM's select_related; another organization's
contract, or none, is a 404."""

import pytest
from django.http import Http404

from outsourcer.accounts.access import access_organization
from outsourcer.contracts.access import access_contract
from outsourcer.contracts.models import Contract
from outsourcer.testing.builders import make_budget, make_contract

pytestmark = pytest.mark.django_db


def _values(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


@pytest.mark.parametrize("rate_model", ["hourly", "retainer", "fixed"])
def test_it_reads_the_contract_and_its_rows_as_the_orm_does(personas, rate_model, django_assert_num_queries):
    contract = make_contract(personas, make_budget(personas), rate_model=rate_model)
    ctx = access_organization(personas.alice, personas.org.slug, action="contract.view")
    expected = Contract.objects.select_related("budget", "contractor", "engagement").get(pk=contract.pk)
    with django_assert_num_queries(1):
        read = access_contract(ctx, contract.pk)
        related = [read.budget, read.contractor, read.engagement]
        assert read.organization == personas.org
    assert _values(read) == _values(expected)
    for mine, theirs in zip(related, [expected.budget, expected.contractor, expected.engagement], strict=True):
        assert _values(mine) == _values(theirs)


def test_another_organizations_contract_or_none_is_a_404(personas):
    contract = make_contract(personas, make_budget(personas))
    ctx = access_organization(personas.oscar, personas.other_org.slug, action="contract.view")
    for contract_id in (contract.pk, 10**9):
        with pytest.raises(Http404):
            access_contract(ctx, contract_id)
