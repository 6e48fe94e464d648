"""An organization with money history is closed, never deleted (accounts/services/closing.py)."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.urls import reverse

from outsourcer.accounts.models import ApiToken, Invitation, Membership
from outsourcer.accounts.services import member_invite, organization_close
from outsourcer.audit.models import Event
from outsourcer.budgets.models import SpendEntry
from outsourcer.contracts.models import Contract, ContractStatus
from outsourcer.contracts.services import time_entry_approve
from outsourcer.lib.errors import DomainError
from outsourcer.testing.builders import log_time, make_budget, make_contract

pytestmark = pytest.mark.django_db


@pytest.fixture
def books(personas):
    budget = make_budget(personas)
    hourly = make_contract(personas, budget)
    draft = make_contract(personas, budget, activate=False, title="Later")
    time_entry_approve(entry=log_time(hourly, worked_on=date(2025, 3, 17)), actor=personas.alice)
    return hourly, draft


def test_it_closes_instead_of_deleting_and_keeps_the_books(personas, login_as, books):
    ledger = list(SpendEntry.objects.values_list("id", "amount_cents"))

    organization_close(organization=personas.org, actor=personas.alice, reason="Shop sold")

    personas.org.refresh_from_db()
    assert personas.org.is_closed
    assert not Membership.objects.filter(organization=personas.org).exists()
    assert set(Contract.objects.values_list("status", flat=True)) == {ContractStatus.ENDED}
    assert list(SpendEntry.objects.values_list("id", "amount_cents")) == ledger
    event = Event.objects.get(action="organization_closed")
    assert event.reason == "Shop sold" and {"user": "bob@crumb.example", "role": "manager"} in event.before["members"]
    assert login_as(personas.alice).get(reverse("orgs:home", args=[personas.org.slug])).status_code == 404
    hourly, _ = books
    with pytest.raises(DomainError):  # read-only for the contractor too: the contract has ended
        log_time(Contract.objects.get(pk=hourly.pk), worked_on=date(2025, 3, 18))


def test_it_revokes_invitations_and_tokens(personas, books):
    invitation = member_invite(
        organization=personas.org, invited_by=personas.alice, email="new@crumb.example", role="viewer"
    )
    token = ApiToken.objects.create(
        user=personas.alice, organization=personas.org, name="ci", prefix="osr_x", digest="d" * 64
    )

    organization_close(organization=personas.org, actor=personas.alice)

    assert Invitation.objects.get(pk=invitation.pk).revoked_at is not None
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None


def test_closing_twice_is_refused(personas):
    organization_close(organization=personas.org, actor=personas.alice)

    with pytest.raises(DomainError, match="already closed"):
        organization_close(organization=personas.org, actor=personas.alice)


def test_deleting_an_organization_with_books_is_refused(personas, books):
    with pytest.raises((ProtectedError, RestrictedError)), transaction.atomic():
        personas.org.delete()

    assert Contract.objects.count() == 2


def test_the_command_closes_by_slug(personas, books):
    call_command("organization_close", "crumb", actor="alice@crumb.example", reason="Shop sold")

    personas.org.refresh_from_db()
    assert personas.org.is_closed
