"""Check constraints and the contract ↔ engagement pair, enforced by the database itself:
a row that breaks them is refused whatever code writes it (services already never do)."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from outsourcer.contractors.models import Contractor, Engagement
from outsourcer.contracts.models import Contract, Milestone, TimeEntry
from outsourcer.testing.builders import log_time, make_budget, make_contract

pytestmark = pytest.mark.django_db


@pytest.fixture
def contract(personas):
    return make_contract(personas, make_budget(personas), rate_model="fixed")


def _refused(model, pk, **fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=pk).update(**fields)


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "paused"},
        {"rate_model": "daily"},
        {"status": "draft"},  # an active contract was activated
        {"status": "active", "closed_at": timezone.now()},
        {"status": "completed"},  # completing sets closed_at
        {"activated_at": None},
    ],
)
def test_a_contract_status_must_agree_with_its_dates(contract, fields):
    _refused(Contract, contract.pk, **fields)


@pytest.mark.parametrize(
    "fields",
    [{"status": "rejected"}, {"status": "accepted"}, {"accepted_at": timezone.now()}],
)
def test_a_milestone_is_accepted_exactly_when_it_has_accepted_at(contract, fields):
    _refused(Milestone, contract.milestones.first().pk, **fields)


def test_two_milestones_of_a_contract_cannot_share_a_position(contract):
    first, second = contract.milestones.order_by("position")

    _refused(Milestone, second.pk, position=first.position)


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "approved"},  # without reviewed_at
        {"status": "rejected", "reviewed_at": timezone.now()},  # without a reason
        {"reviewed_at": timezone.now()},  # submitted yet reviewed
        {"status": "lost"},
    ],
)
def test_a_time_entry_status_must_agree_with_its_review(personas, fields):
    entry = log_time(make_contract(personas, make_budget(personas)), worked_on=date(2025, 3, 17))

    _refused(TimeEntry, entry.pk, **fields)


def test_a_contracts_contractor_is_always_its_engagements(personas, contract):
    # Dan is another organization's contractor: give him an engagement here to rule out the FK.
    Engagement.objects.create(organization=personas.org, contractor=personas.dan_contractor)

    _refused(Contract, contract.pk, contractor=personas.dan_contractor)

    assert Contract.objects.get(pk=contract.pk).contractor == personas.carol_contractor


def test_the_service_takes_the_contractor_from_the_engagement(personas, contract):
    assert contract.contractor_id == contract.engagement.contractor_id == personas.carol_contractor.pk


@pytest.mark.parametrize(
    ("model", "fields"),
    [(Contractor, {"kind": "robot"}), (Engagement, {"status": "archived"})],
)
def test_contractor_choices_are_checked(personas, model, fields):
    row = personas.carol_contractor if model is Contractor else personas.carol_engagement

    _refused(model, row.pk, **fields)
