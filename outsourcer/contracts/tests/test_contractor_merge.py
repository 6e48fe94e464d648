"""A prospect record with contracts, time and ledger rows merges into a contractor's existing
account when the invitation is accepted (contractors/merge.py; docs/money.md)."""

import pytest
import time_machine

from outsourcer.accounts.models import Invitation
from outsourcer.accounts.services import invitation_url
from outsourcer.budgets.models import SpendEntry
from outsourcer.contractors.models import Contractor, ContractorMerge, Engagement
from outsourcer.contractors.services import contractor_invite
from outsourcer.contracts.models import Contract, TimeEntry
from outsourcer.contracts.services import time_entry_approve
from outsourcer.testing.builders import TODAY, log_time, make_budget, make_contract
from outsourcer.testing.factories import ContractorFactory, EngagementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def prospect_with_ledger(personas):
    """Oscar's own record of Carol (no account) with an approved, posted hour of work."""
    prospect = ContractorFactory(
        user=None, name="Carol (Oscar's record)", email=personas.carol.email, created_by_organization=personas.other_org
    )
    engagement = EngagementFactory(organization=personas.other_org, contractor=prospect)
    budget = make_budget(personas, organization=personas.other_org, actor=personas.oscar)
    with time_machine.travel(TODAY, tick=False):
        contract = make_contract(personas, budget, contractor=prospect)
        entry = time_entry_approve(entry=log_time(contract, minutes=90), actor=personas.oscar)
    return prospect, engagement, contract, entry


def test_it_moves_every_row_to_the_account_and_keeps_the_amounts(personas, login_as, prospect_with_ledger):
    prospect, engagement, contract, entry = prospect_with_ledger
    ledger_before = list(SpendEntry.objects.filter(organization=personas.other_org).values_list("id", "amount_cents"))
    assert ledger_before and ledger_before[0][1] == 9000
    invitation = contractor_invite(engagement=engagement, actor=personas.oscar)

    response = login_as(personas.carol).post(invitation_url(invitation))

    assert response.status_code == 302
    carol = personas.carol_contractor
    assert not Contractor.objects.filter(pk=prospect.pk).exists()
    assert ContractorMerge.objects.get(merged_contractor_id=prospect.pk).into == carol
    assert Engagement.objects.get(pk=engagement.pk).contractor == carol
    assert Contract.objects.get(pk=contract.pk).contractor == carol
    assert TimeEntry.objects.get(pk=entry.pk).contractor == carol
    ledger = SpendEntry.objects.filter(organization=personas.other_org)
    assert set(ledger.values_list("contractor_id", flat=True)) == {carol.pk}
    assert list(ledger.values_list("id", "amount_cents")) == ledger_before
    assert Invitation.objects.get(pk=invitation.pk).accepted_by == personas.carol
