"""The database keeps the ledger append-only too: PROTECT foreign keys stop every cascade into
spend entries, and a trigger refuses to change a row whatever code asks (docs/money.md)."""

from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError, RestrictedError

from outsourcer.accounts.models import Organization
from outsourcer.budgets.ledger import spend_record
from outsourcer.budgets.models import Budget, SpendEntry, SpendKind
from outsourcer.budgets.services import budget_create
from outsourcer.contractors.models import ContractorMerge

pytestmark = pytest.mark.django_db

DAY = date(2025, 3, 10)


@pytest.fixture
def entry(personas):
    budget = budget_create(
        organization=personas.org,
        actor=personas.alice,
        name="Photos",
        period="monthly",
        starts_on=date(2025, 1, 1),
        amount_cents=100_000,
        currency="EUR",
    )
    return spend_record(
        budget=budget,
        kind=SpendKind.EXPENSE,
        amount_cents=4_200,
        occurred_on=DAY,
        actor=personas.alice,
        contractor=personas.carol_contractor,
    )


def _counts():
    return Organization.objects.count(), Budget.objects.count(), SpendEntry.objects.count()


def _raw(sql: str, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_deleting_an_organization_with_spend_is_refused_and_deletes_nothing(personas, entry):
    before = _counts()

    with pytest.raises((ProtectedError, RestrictedError)), transaction.atomic():
        personas.org.delete()

    assert _counts() == before
    assert SpendEntry.objects.get(pk=entry.pk).amount_cents == 4_200


def test_deleting_a_budget_with_spend_is_refused_and_deletes_nothing(entry):
    before = _counts()

    with pytest.raises(ProtectedError), transaction.atomic():
        Budget.objects.filter(pk=entry.budget_id).delete()

    assert _counts() == before


def test_deleting_the_contractor_or_author_of_an_entry_is_refused(personas, entry):
    with pytest.raises(ProtectedError), transaction.atomic():
        personas.carol_contractor.delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        personas.alice.delete()

    assert SpendEntry.objects.filter(pk=entry.pk).exists()


def test_the_database_refuses_to_change_an_amount(entry):
    with pytest.raises(IntegrityError, match="append-only"):
        _raw("UPDATE budgets_spendentry SET amount_cents = 1 WHERE id = %s", [entry.pk])

    assert SpendEntry.objects.get(pk=entry.pk).amount_cents == 4_200


def test_the_database_refuses_a_contractor_change_that_no_merge_records(personas, entry):
    with pytest.raises(IntegrityError, match="append-only"):
        _raw("UPDATE budgets_spendentry SET contractor_id = %s WHERE id = %s", [personas.dan_contractor.pk, entry.pk])


def test_a_recorded_merge_may_move_the_contractor_but_nothing_else(personas, entry):
    ContractorMerge.objects.create(merged_contractor_id=personas.carol_contractor.pk, into=personas.dan_contractor)

    with pytest.raises(IntegrityError, match="append-only"):
        _raw(
            "UPDATE budgets_spendentry SET contractor_id = %s, amount_cents = 1 WHERE id = %s",
            [personas.dan_contractor.pk, entry.pk],
        )
    _raw("UPDATE budgets_spendentry SET contractor_id = %s WHERE id = %s", [personas.dan_contractor.pk, entry.pk])

    assert SpendEntry.objects.values_list("contractor_id", "amount_cents").get(pk=entry.pk) == (
        personas.dan_contractor.pk,
        4_200,
    )


@pytest.mark.postgres_only
def test_postgresql_refuses_to_delete_a_ledger_row(entry, is_postgres):
    if not is_postgres:
        pytest.skip("SQLite has no DELETE trigger (Django empties test tables with DELETE there)")

    with pytest.raises(IntegrityError, match="append-only: DELETE"):
        _raw("DELETE FROM budgets_spendentry WHERE id = %s", [entry.pk])

    assert SpendEntry.objects.filter(pk=entry.pk).exists()
