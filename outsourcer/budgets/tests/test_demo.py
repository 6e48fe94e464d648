import pytest
from django.core.management import call_command

from outsourcer.accounts.models import Organization
from outsourcer.audit.models import Event
from outsourcer.budgets.selectors import budget_list_for_organization
from outsourcer.contracts.models import ContractStatus, TimeEntry

pytestmark = pytest.mark.django_db


# 23:30 UTC: the bakery (Berlin) is in the new year, Carol (Lisbon) is not; the demo crashed there,
# logging her time for a day that had not begun for her.
@pytest.mark.parametrize(
    "now", ["2025-03-17 10:00", "2025-04-01 07:00", "2025-12-31 20:00", "2026-12-31 23:30", "2027-06-30 22:30"]
)
def test_the_demo_has_budgets_near_and_over_their_limit(time_machine, now):
    time_machine.move_to(now)
    call_command("demo", verbosity=0)

    organization = Organization.objects.get(slug="crumb-co")
    budgets = {b.name: b.figures for b in budget_list_for_organization(organization=organization)}

    assert set(budgets) == {"Product photography", "Customer support", "Bookkeeping", "Website relaunch",
                            "Holiday newsletter", "Marketing"}  # fmt: skip
    # Spent past 80 %, and its commitments take it past the amount: over, as its remaining says
    # (issue 9: it said "Watch it" next to a negative remaining).
    relaunch = budgets["Website relaunch"]
    assert relaunch.percent_spent >= 80 and relaunch.status == "over" and relaunch.remaining_cents < 0
    assert all((f.status == "over") == (f.remaining_cents <= 0) for f in budgets.values())
    assert budgets["Holiday newsletter"].status == "over"
    overrides = Event.objects.filter(organization=organization, action="contract_activated_over_budget")
    assert [e.reason for e in overrides] == ["The holiday sales pay for it; agreed an extra round of edits."]
    assert set(TimeEntry.objects.filter(organization=organization).values_list("status", flat=True)) == {
        "submitted", "approved", "rejected",
    }  # fmt: skip
    statuses = set(organization.contracts.values_list("status", flat=True))
    assert {ContractStatus.ACTIVE, ContractStatus.DRAFT} <= statuses
