"""Small reads only the contract and time pages need (select choices, a contract's time summary).
Anything the API or a service also needs belongs in selectors.py."""

from datetime import date

from django.db.models import Count, Min, Q, QuerySet, Sum

from outsourcer.accounts.models import Organization
from outsourcer.budgets.periods import iso_week
from outsourcer.contractors.models import Contractor
from outsourcer.contracts.models import Contract, ContractStatus, RateModel, TimeEntry, TimeEntryStatus
from outsourcer.contracts.selectors import time_entry_week_logged_minutes
from outsourcer.lib.durations import duration_text


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


def time_waiting_by_contractor(
    *, organization: Organization, not_user_id: int | None = None, limit: int = 10
) -> list[dict]:
    """Submitted time per contractor, the longest waiting first: {contractor_id, contractor__name,
    entries, minutes, waiting_since} (one grouped query, at most `limit` + 1 rows so the caller
    knows there are more). `not_user_id` leaves out the caller's own time (nobody reviews it)."""
    entries = TimeEntry.objects.filter(organization=organization, status=TimeEntryStatus.SUBMITTED)
    if not_user_id is not None:
        entries = entries.exclude(contractor__user_id=not_user_id)
    rows = (
        entries.order_by()
        .values("contractor_id", "contractor__name")
        .annotate(entries=Count("pk"), minutes=Sum("minutes"), waiting_since=Min("created_at"))
        .order_by("waiting_since", "contractor_id")
    )
    return list(rows[: limit + 1])


def contract_list_ending_for_organization(*, organization: Organization, until: date) -> QuerySet[Contract]:
    """Active contracts whose end date is on or before `until` (including those already past it,
    still open), soonest first, with their contractor."""
    contracts = (
        Contract.objects.filter(organization=organization, status=ContractStatus.ACTIVE, ends_on__lte=until)
        .select_related("contractor")
        .order_by("ends_on", "pk")
    )
    return contracts


def time_entry_cap_warning(*, contract: Contract, day: date, minutes: int, exclude_id: int | None = None) -> str:
    """The portal's warning before logging: what `minutes` more on `day` does to the contract's
    weekly cap (time logged that ISO week and not rejected, the entry being edited left out), or ""
    when it stays within it or the contract has no cap (one SUM)."""
    cap = contract.weekly_cap_minutes
    if not cap or contract.rate_model != RateModel.HOURLY:
        return ""
    logged = time_entry_week_logged_minutes(contract=contract, day=day, exclude_id=exclude_id)
    total = logged + minutes
    if total <= cap:
        return ""
    week = iso_week(day)
    return (
        f"Over the weekly cap: {contract.title} allows {duration_text(cap)} a week, and the week of "
        f"{week.start:%d %b} would reach {duration_text(total)} ({duration_text(logged)} logged + "
        f"{duration_text(minutes)}), {duration_text(total - cap)} over. {contract.organization.name} can approve "
        "time over the cap only as a recorded exception."
    )
