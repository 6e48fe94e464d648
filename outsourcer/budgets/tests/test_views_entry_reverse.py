from datetime import date

import pytest

from outsourcer.budgets.models import SpendEntry, SpendKind
from outsourcer.budgets.services import expense_record
from outsourcer.testing.builders import make_budget
from outsourcer.testing.fixtures import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(personas, frozen):
    budget = make_budget(personas)
    return expense_record(budget=budget, actor=personas.alice, amount_cents=25_000, occurred_on=date(2025, 3, 12),
                          description="Stock photos")  # fmt: skip


def _url(org_url, entry):
    return org_url("budgets:entry-reverse", budget_id=entry.budget_id, entry_id=entry.pk)


def test_it_asks_for_confirmation_first(login_as, personas, org_url, entry):
    body = text(login_as(personas.alice).get(_url(org_url, entry)))
    assert "Reverse this entry?" in body and "€250.00" in body


def test_it_adds_a_correcting_entry(login_as, personas, org_url, entry):
    response = login_as(personas.alice).post(_url(org_url, entry), {"reason": "Booked twice", "confirm": "on"})

    correction = SpendEntry.objects.get(kind=SpendKind.CORRECTION)
    assert response.status_code == 302
    assert (correction.amount_cents, correction.reverses_id, correction.occurred_on) == (-25_000, entry.pk,
                                                                                        entry.occurred_on)  # fmt: skip
    assert SpendEntry.objects.get(pk=entry.pk).amount_cents == 25_000  # the original stays as it was


@pytest.mark.parametrize(("data", "message"), [
    ({"reason": "", "confirm": "on"}, "This field is required."),
    ({"reason": "Booked twice"}, "This field is required."),
])  # fmt: skip
def test_it_needs_a_reason_and_a_confirmation(login_as, personas, org_url, entry, data, message):
    response = login_as(personas.alice).post(_url(org_url, entry), data)
    assert response.status_code == 400
    assert message in text(response)
    assert data["reason"] == "" or "Booked twice" in text(response)
    assert not SpendEntry.objects.filter(kind=SpendKind.CORRECTION).exists()


def test_a_second_reversal_is_refused(login_as, personas, org_url, entry):
    client = login_as(personas.alice)
    client.post(_url(org_url, entry), {"reason": "Booked twice", "confirm": "on"})
    response = client.post(_url(org_url, entry), {"reason": "Again", "confirm": "on"})
    assert response.status_code == 400
    assert "This entry was already reversed" in text(response)
    assert SpendEntry.objects.filter(kind=SpendKind.CORRECTION).count() == 1


@pytest.mark.parametrize("persona", ["bob", "vera"])
def test_only_owners_correct_the_ledger(login_as, personas, org_url, entry, persona):
    response = login_as(getattr(personas, persona)).post(_url(org_url, entry), {"reason": "x", "confirm": "on"})
    assert response.status_code == 403


def test_a_contractor_gets_404(login_as, personas, org_url, entry):
    assert login_as(personas.carol).post(_url(org_url, entry), {"reason": "x", "confirm": "on"}).status_code == 404


def test_another_organizations_entry_is_404(login_as, personas, org_url, entry):
    foreign_budget = make_budget(personas, organization=personas.other_org, actor=personas.oscar, name="Oscar's ads")
    foreign = expense_record(budget=foreign_budget, actor=personas.oscar, amount_cents=100,
                             occurred_on=date(2025, 3, 12), description="Theirs")  # fmt: skip
    url = org_url("budgets:entry-reverse", budget_id=entry.budget_id, entry_id=foreign.pk)
    assert login_as(personas.alice).post(url, {"reason": "x", "confirm": "on"}).status_code == 404
    assert not SpendEntry.objects.filter(kind=SpendKind.CORRECTION).exists()
