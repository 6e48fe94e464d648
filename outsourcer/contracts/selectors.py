"""Reads for contracts, milestones and time entries, used by pages and the API."""

from collections.abc import Iterator
from datetime import date

from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from outsourcer.accounts.models import Organization
from outsourcer.budgets.models import Budget, SpendTotal
from outsourcer.budgets.periods import iso_week, month_end, month_start
from outsourcer.contractors.models import Contractor
from outsourcer.contracts.models import (
    Contract,
    ContractStatus,
    Milestone,
    TimeEntry,
    TimeEntryStatus,
)
from outsourcer.lib.csv_files import csv_safe
from outsourcer.lib.money import amount_text
from outsourcer.lib.queries import filter_given


def with_spend(contracts: QuerySet[Contract]) -> QuerySet[Contract]:
    """Annotate `spent_cents` (the contract's ledger total, budget currency; Contract.left_cents
    derives what is left of a fixed price from it): one correlated SUM per row over the contract's
    few SpendTotal rows (one per period and contractor), in the same query as the rows."""
    return contracts.annotate(spent_cents=_contract_spent())


def _contract_spent():
    spent = (
        SpendTotal.objects.filter(contract_key=OuterRef("pk"))
        .order_by()
        .values("contract_key")
        .annotate(total=Sum("amount_cents"))
        .values("total")
    )
    return Coalesce(Subquery(spent, output_field=BigIntegerField()), 0, output_field=BigIntegerField())


def contract_list_for_organization(
    *,
    organization: Organization,
    status: str = "",
    budget_id: int | None = None,
    contractor_id: int | None = None,
    rate_model: str = "",
    search: str = "",
) -> QuerySet[Contract]:
    """The organization's contracts with budget, contractor and spend (`with_spend`), newest first."""
    contracts = with_spend(Contract.objects.filter(organization=organization).select_related("budget", "contractor"))
    contracts = filter_given(
        contracts, status=status, budget_id=budget_id, contractor_id=contractor_id, rate_model=rate_model
    )
    if search.strip():
        term = search.strip()
        contracts = contracts.filter(Q(title__icontains=term) | Q(contractor__name__icontains=term))
    return contracts.order_by("-created_at", "-id")


def contract_spent_cents(*, contract: Contract) -> int:
    """The contract's ledger total so far, in the budget's currency (one SUM over its SpendTotal rows)."""
    total = SpendTotal.objects.filter(contract_key=contract.pk).aggregate(s=Sum("amount_cents"))["s"]
    return int(total or 0)


def contract_list_for_budget(*, budget: Budget) -> QuerySet[Contract]:
    """The contracts drawing from the budget, with contractor and spend: active first, then drafts,
    then closed ones, by title."""
    contracts = with_spend(
        Contract.objects.filter(organization_id=budget.organization_id, budget=budget).select_related("contractor")
    )
    rank = Case(
        When(status=ContractStatus.ACTIVE, then=Value(0)),
        When(status=ContractStatus.DRAFT, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return contracts.order_by(rank, "title", "pk")


def contract_list_for_engagement(*, organization: Organization, contractor: Contractor) -> QuerySet[Contract]:
    """The organization's contracts with one contractor, with budget and spend, newest first."""
    contracts = Contract.objects.filter(organization=organization, contractor=contractor).select_related("budget")
    return with_spend(contracts).order_by("-starts_on", "-id")


CONTRACTS_CSV_HEADER = [
    "id",
    "title",
    "contractor",
    "budget",
    "rate_model",
    "status",
    "starts_on",
    "ends_on",
    "currency",
    "total",
    "spent",
    "remaining",
]


def contracts_csv_rows(*, organization: Organization, **filters) -> Iterator[list[str]]:
    """Header row, then one row per contract (the list's filters; amounts in the budget's currency
    as plain decimals; text from people guarded against spreadsheet formulas), streamed."""
    yield list(CONTRACTS_CSV_HEADER)
    contracts = contract_list_for_organization(organization=organization, **filters)
    for c in contracts.iterator(chunk_size=2000):
        currency = c.budget.currency
        yield [
            str(c.pk),
            csv_safe(c.title),
            csv_safe(c.contractor.name),
            csv_safe(c.budget.name),
            c.get_rate_model_display(),
            c.get_status_display(),
            c.starts_on.isoformat(),
            c.ends_on.isoformat() if c.ends_on else "",
            currency,
            amount_text(c.total_budget_cents, currency) if c.total_budget_cents is not None else "",
            amount_text(c.spent_cents, currency),
            amount_text(c.left_cents, currency) if c.left_cents is not None else "",
        ]


def contract_list_for_contractor(*, contractor: Contractor, status: str = "") -> QuerySet[Contract]:
    """The contractor's own non-draft contracts in every organization, with the organization.
    Callers show contract terms only: never the budget."""
    contracts = (
        Contract.objects.filter(contractor=contractor)
        .exclude(status=ContractStatus.DRAFT)
        .select_related("organization")
    )
    if status:
        contracts = contracts.filter(status=status)
    return contracts.order_by("-starts_on", "-id")


def milestone_list_for_contract(*, contract: Contract) -> QuerySet[Milestone]:
    """The contract's milestones in agreed order, with the ledger entry of accepted ones."""
    return Milestone.objects.filter(contract=contract).select_related("spend_entry").order_by("position", "id")


def time_entry_list_for_organization(
    *,
    organization: Organization,
    status: str = "",
    contractor_id: int | None = None,
    contract_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[TimeEntry]:
    """Time logged under the organization's contracts, newest first, with contractor and contract."""
    entries = TimeEntry.objects.filter(organization=organization).select_related("contractor", "contract")
    return _filter_entries(
        entries, status=status, contractor_id=contractor_id, contract_id=contract_id, since=since, until=until
    )


def time_entry_list_for_contractor(
    *,
    contractor: Contractor,
    organization_id: int | None = None,
    contract_id: int | None = None,
    status: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[TimeEntry]:
    """The contractor's own time entries across organizations, newest first."""
    entries = TimeEntry.objects.filter(contractor=contractor).select_related("contract", "organization")
    return _filter_entries(
        entries, organization_id=organization_id, status=status, contract_id=contract_id, since=since, until=until
    )


def _filter_entries(entries, *, since=None, until=None, **fields):
    entries = filter_given(entries, worked_on__gte=since, worked_on__lte=until, **fields)
    return entries.order_by("-worked_on", "-id")


def time_entry_week_minutes(*, contract: Contract, day: date, exclude_id: int | None = None) -> int:
    """Approved minutes of the contract in the ISO week containing `day` (one SUM)."""
    week = iso_week(day)
    return _approved_minutes(contract, week.start, week.end, exclude_id)


def time_entry_month_minutes(*, contract: Contract, day: date, exclude_id: int | None = None) -> int:
    """Approved minutes of the contract in the calendar month containing `day` (one SUM)."""
    return _approved_minutes(contract, month_start(day), month_end(day), exclude_id)


def _approved_minutes(contract: Contract, start: date, end: date, exclude_id: int | None) -> int:
    entries = TimeEntry.objects.filter(
        contract=contract, status=TimeEntryStatus.APPROVED, worked_on__range=(start, end)
    )
    if exclude_id:
        entries = entries.exclude(pk=exclude_id)
    return int(entries.aggregate(m=Sum("minutes"))["m"] or 0)


def time_entry_week_logged_minutes(*, contract: Contract, day: date, exclude_id: int | None = None) -> int:
    """Minutes logged on the contract in the ISO week containing `day` and not rejected (approved
    or waiting for review): what the weekly cap will be held against (one SUM)."""
    week = iso_week(day)
    entries = TimeEntry.objects.filter(contract=contract, worked_on__range=(week.start, week.end)).exclude(
        status=TimeEntryStatus.REJECTED
    )
    if exclude_id:
        entries = entries.exclude(pk=exclude_id)
    return int(entries.aggregate(m=Sum("minutes"))["m"] or 0)


def time_entry_tally(*, contract: Contract, status: str, since: date, until: date) -> tuple[int, int]:
    """(entries, minutes) of the contract in `status` worked between `since` and `until` (one query)."""
    totals = TimeEntry.objects.filter(contract=contract, status=status, worked_on__range=(since, until)).aggregate(
        n=Count("pk"), m=Sum("minutes")
    )
    return int(totals["n"] or 0), int(totals["m"] or 0)


def contract_runner_ids(*, contracts: QuerySet[Contract]) -> list[QuerySet]:
    """Subqueries of the ids of the users who run `contracts`: whoever created one, and whoever
    reviewed time on one. Callers OR them into a filter (`user__in=…`)."""
    return [
        contracts.exclude(created_by=None).order_by().values("created_by"),
        TimeEntry.objects.filter(contract__in=contracts.order_by().values("pk"))
        .exclude(reviewed_by=None)
        .order_by()
        .values("reviewed_by"),
    ]


def budget_runner_ids(budget: Budget) -> list[QuerySet]:
    """`contract_runner_ids` of every contract drawing from the budget (registered with the budget
    alerts in ContractsConfig.ready)."""
    return contract_runner_ids(contracts=Contract.objects.filter(budget=budget))
