"""Small reads only the contract and time pages need (select choices, a contract's time summary).
Anything the API or a service also needs belongs in selectors.py."""

from django.db.models import Count, Q, Sum

from outsourcer.accounts.models import Organization
from outsourcer.contractors.models import Contractor
from outsourcer.contracts.models import Contract, ContractStatus, RateModel, TimeEntry, TimeEntryStatus


def contract_choices_for_organization(*, organization: Organization) -> list[tuple[int, str]]:
    """(contract id, "Title · Contractor") for the organization's non-draft contracts (one query)."""
    rows = (
        Contract.objects.filter(organization=organization)
        .exclude(status=ContractStatus.DRAFT)
        .order_by("title", "pk")
        .values_list("pk", "title", "contractor__name")
    )
    return [(pk, f"{title} · {name}") for pk, title, name in rows]


def contract_time_summary(*, contract: Contract) -> dict[str, dict[str, int]]:
    """{status: {"minutes": …, "count": …}} for the contract's time entries, in one query."""
    aggregates = {}
    for status in TimeEntryStatus.values:
        aggregates[f"{status}_minutes"] = Sum("minutes", filter=Q(status=status), default=0)
        aggregates[f"{status}_count"] = Count("pk", filter=Q(status=status))
    totals = TimeEntry.objects.filter(organization_id=contract.organization_id, contract=contract).aggregate(
        **aggregates
    )
    return {
        status: {"minutes": totals[f"{status}_minutes"], "count": totals[f"{status}_count"]}
        for status in TimeEntryStatus.values
    }


def loggable_contract_choices(*, contractor: Contractor) -> list[tuple[int, str]]:
    """(contract id, "Title · Organization") for the contractor's active hourly and retainer
    contracts, the ones time may be logged against (one query)."""
    rows = (
        Contract.objects.filter(
            contractor=contractor, status=ContractStatus.ACTIVE, rate_model__in=(RateModel.HOURLY, RateModel.RETAINER)
        )
        .order_by("organization__name", "title", "pk")
        .values_list("pk", "title", "organization__name")
    )
    return [(pk, f"{title} · {org}") for pk, title, org in rows]
