"""contractors/merge.py: every foreign key to a contractor has a rule, and a missing one stops
the merge before anything moves. (The full merge with contracts, time and ledger rows:
contracts/tests/test_contractor_merge.py.)"""

import pytest
from django.core.exceptions import ImproperlyConfigured

from outsourcer.contractors import merge
from outsourcer.contractors.models import Contractor, ContractorMerge, Engagement
from outsourcer.testing.factories import ContractorFactory, EngagementFactory


def test_every_foreign_key_to_a_contractor_has_a_merge_rule():
    relations = {f"{model._meta.label}.{field}" for model, field in merge.contractor_relations()}

    assert "budgets.SpendEntry.contractor" in relations  # hidden (related_name="+") relations count too
    assert relations == {f"{label}.{field}" for label, field in merge._RULES}


@pytest.mark.django_db
def test_a_foreign_key_without_a_rule_stops_the_merge_before_anything_moves(personas, monkeypatch):
    prospect = ContractorFactory(user=None, name="Prospect", created_by_organization=personas.other_org)
    engagement = EngagementFactory(organization=personas.other_org, contractor=prospect)
    monkeypatch.delitem(merge._RULES, ("contracts.TimeEntry", "contractor"))

    with pytest.raises(ImproperlyConfigured, match="contracts.TimeEntry.contractor"):
        merge.contractor_merge(merged=prospect, into=personas.carol_contractor)

    assert Engagement.objects.get(pk=engagement.pk).contractor == prospect
    assert Contractor.objects.filter(pk=prospect.pk).exists()
    assert not ContractorMerge.objects.exists()
