"""Nobody reviews, approves or accepts their own work (docs/security.md): Carol, invited as a
manager of a business she also works for, cannot approve her own time, page or API, and the
ledger stays empty; she still reviews other contractors' work there."""

import pytest
from django.urls import reverse

from outsourcer.accounts.roles import Role
from outsourcer.budgets.models import SpendEntry
from outsourcer.contracts.models import TimeEntryStatus
from outsourcer.testing.builders import TODAY, log_time, make_budget, make_contract
from outsourcer.testing.factories import ContractorFactory, EngagementFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def carol_manages(personas):
    MembershipFactory(organization=personas.org, user=personas.carol, role=Role.MANAGER)
    return personas


def _carols_entry(personas, api_as, minutes=120):
    contract = make_contract(personas, make_budget(personas))
    portal = api_as(personas.carol, portal=True)
    response = portal.post(
        "/portal/time-entries", {"contract_id": contract.pk, "worked_on": TODAY.isoformat(), "minutes": minutes}
    )
    assert response.status_code == 201
    return response.json()["id"]


def test_she_cannot_approve_her_own_time_on_the_review_page(carol_manages, api_as, client, frozen):
    personas = carol_manages
    entry_id = _carols_entry(personas, api_as)
    client.force_login(personas.carol)

    response = client.post(reverse("contracts:time-approve", args=[personas.org.slug, entry_id]))

    assert response.status_code == 403
    assert SpendEntry.objects.count() == 0
    assert personas.carol_contractor.time_entries.get(pk=entry_id).status == TimeEntryStatus.SUBMITTED


def test_she_cannot_approve_her_own_time_through_the_api(carol_manages, api_as, frozen):
    personas = carol_manages
    entry_id = _carols_entry(personas, api_as)
    api = api_as(personas.carol, organization=personas.org)

    single = api.post(f"/time-entries/{entry_id}/approve", {})
    bulk = api.post("/time-entries/approve", {"entry_ids": [entry_id]})
    reject = api.post(f"/time-entries/{entry_id}/reject", {"reason": "mine"})

    assert (single.status_code, bulk.status_code, reject.status_code) == (403, 403, 403)
    assert single.json()["code"] == "permission_denied"
    assert SpendEntry.objects.count() == 0


def test_the_review_page_offers_no_approve_button_on_her_own_rows(carol_manages, api_as, client, frozen):
    personas = carol_manages
    _carols_entry(personas, api_as)
    client.force_login(personas.carol)

    page = client.get(reverse("contracts:time-review", args=[personas.org.slug])).content.decode()

    assert "Your own time: another owner or manager reviews it." in page
    assert ">Approve</button>" not in page


def test_the_owner_still_approves_it(carol_manages, api_as, frozen):
    personas = carol_manages
    entry_id = _carols_entry(personas, api_as)

    response = api_as(personas.alice).post(f"/time-entries/{entry_id}/approve", {})

    assert response.status_code == 200
    assert SpendEntry.objects.count() == 1


def test_she_still_reviews_another_contractors_time(carol_manages, api_as, frozen):
    personas = carol_manages
    eve = ContractorFactory(name="Eve Editor")
    EngagementFactory(organization=personas.org, contractor=eve)
    contract = make_contract(personas, make_budget(personas), contractor=eve)
    entry = log_time(contract, minutes=30)

    response = api_as(personas.carol, organization=personas.org).post(f"/time-entries/{entry.pk}/approve", {})

    assert response.status_code == 200


def test_she_cannot_accept_her_own_milestone(carol_manages, api_as, client):
    personas = carol_manages
    contract = make_contract(personas, make_budget(personas), rate_model="fixed")
    milestone = contract.milestones.first()
    client.force_login(personas.carol)

    page = client.post(reverse("contracts:milestone-accept", args=[personas.org.slug, contract.pk, milestone.pk]))
    api = api_as(personas.carol, organization=personas.org).post(
        f"/contracts/{contract.pk}/milestones/{milestone.pk}/accept"
    )

    assert (page.status_code, api.status_code) == (403, 403)
    assert SpendEntry.objects.count() == 0
