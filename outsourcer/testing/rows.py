"""Rows for page tests and the access matrix, inserted directly (no services, no events): the
pages only read them. Budgets come from `builders.make_budget`. Dates default to the organization's
today on the test clock (TEST_TODAY), so the rows land in the period a page shows by default.
Money in cents, durations in minutes, all in the budget's organization."""

from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from outsourcer.budgets.ledger import spend_totals_add
from outsourcer.budgets.models import Budget, SpendEntry, SpendKind
from outsourcer.budgets.periods import budget_period, today_for
from outsourcer.contractors.models import Engagement
from outsourcer.contracts.models import Contract, ContractStatus, Milestone, RateModel, TimeEntry, TimeEntryStatus
from outsourcer.lib.timezones import today_in

RECEIPT_NAME = "receipts/access-matrix/receipt.pdf"


def insert_hourly_contract(budget: Budget, engagement: Engagement, **fields) -> Contract:
    defaults = {
        "title": "Weekly product photos",
        "rate_model": RateModel.HOURLY,
        "status": ContractStatus.ACTIVE,
        "currency": budget.currency,
        "starts_on": budget.starts_on,
        "hourly_rate_cents": 6000,
        "weekly_cap_minutes": 600,
        "activated_at": timezone.now(),
    }
    fields = {**defaults, **fields}
    fields.setdefault("hourly_rate_budget_cents", fields["hourly_rate_cents"])
    return Contract.objects.create(
        organization=budget.organization,
        budget=budget,
        contractor=engagement.contractor,
        engagement=engagement,
        **fields,
    )


def insert_fixed_contract(budget: Budget, engagement: Engagement, *, amounts=(30_000, 20_000), **fields) -> Contract:
    defaults = {
        "title": "Shop redesign",
        "rate_model": RateModel.FIXED,
        "status": ContractStatus.ACTIVE,
        "currency": budget.currency,
        "starts_on": budget.starts_on,
        "total_cents": sum(amounts),
        "total_budget_cents": sum(amounts),
        "activated_at": timezone.now(),
    }
    contract = Contract.objects.create(
        organization=budget.organization,
        budget=budget,
        contractor=engagement.contractor,
        engagement=engagement,
        **{**defaults, **fields},
    )
    today = today_for(budget.organization)
    for position, amount in enumerate(amounts):
        Milestone.objects.create(
            organization=budget.organization,
            contract=contract,
            position=position,
            title=f"Milestone {position + 1}",
            amount_cents=amount,
            budget_amount_cents=amount,
            due_on=today + timedelta(days=7 * (position + 1)),
        )
    return contract


def insert_time_entry(contract: Contract, *, minutes: int = 90, worked_on: date | None = None, **fields) -> TimeEntry:
    return TimeEntry.objects.create(
        organization=contract.organization,
        contractor=contract.contractor,
        contract=contract,
        worked_on=worked_on or today_in(contract.contractor.time_zone),
        minutes=minutes,
        **{"status": TimeEntryStatus.SUBMITTED, "note": "Shot the spring collection", **fields},
    )


def insert_spend(
    budget: Budget, *, amount_cents: int = 12_000, occurred_on: date | None = None, **fields
) -> SpendEntry:
    day = occurred_on or today_for(budget.organization)
    defaults = {"kind": SpendKind.EXPENSE, "description": "Stock photos licence"}
    entry = SpendEntry.objects.create(
        organization=budget.organization,
        budget=budget,
        period_start=budget_period(budget, day).start,
        amount_cents=amount_cents,
        currency=budget.currency,
        occurred_on=day,
        **{**defaults, **fields},
    )
    spend_totals_add(entry)  # the ledger's sums, as ledger.spend_record keeps them
    return entry


def insert_receipt_spend(budget: Budget) -> SpendEntry:
    """An expense with a small PDF receipt stored once under MEDIA_ROOT."""
    if not default_storage.exists(RECEIPT_NAME):
        default_storage.save(RECEIPT_NAME, ContentFile(b"%PDF-1.4\n% access matrix receipt\n"))
    return insert_spend(budget, receipt=RECEIPT_NAME)
