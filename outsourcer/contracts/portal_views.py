"""The contractor's time in the portal: their active hourly and retainer contracts across every
organization (their own terms only, never the budget), logging time, and editing it until it is
reviewed. Every row is read through the contractor access helpers: another contractor's entry is a 404."""

from datetime import date

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import format_html

from outsourcer.budgets.periods import add_months, month_end
from outsourcer.contractors.decorators import contractor_view
from outsourcer.contractors.models import Contractor
from outsourcer.contracts import page_selectors, selectors, services
from outsourcer.contracts.access import access_contract_for_contractor, access_time_entry_for_contractor
from outsourcer.contracts.forms import TimeEntryForm
from outsourcer.contracts.forms.time_entries import duration_reading, understood_text
from outsourcer.contracts.models import ContractStatus, RateModel, TimeEntryStatus
from outsourcer.lib.durations import duration_text
from outsourcer.lib.errors import DomainError
from outsourcer.lib.forms import form_page
from outsourcer.lib.pagination import CappedPaginator
from outsourcer.lib.timezones import today_in
from outsourcer.lib.validation import FIRST_DAY, LAST_DAY
from outsourcer.work import selectors as task_selectors
from outsourcer.work.access import access_task_for_contractor

PAGE_SIZE = 25
PORTAL_TIME_COLUMNS = (
    "worked_on", "minutes", "note", "status", "rejection_reason",
    "contract", "contract__title", "organization", "organization__name",
)  # fmt: skip
MONTH_OUT_OF_RANGE = "That month is not one we can show (use YYYY-MM, 2000–2099); here is {month:%B %Y}."


def _month(request, today: date) -> date:
    """The first day of the month asked for (?month=2025-03), default this month. A month outside
    the range dates may have (2000–2099) falls back to this month with a message: its neighbours
    would run past year 1 or 9999."""
    this_month = today.replace(day=1)
    asked = request.GET.get("month", "")
    try:
        year, month = (int(part) for part in asked.split("-"))
        chosen = date(year, month, 1)
    except ValueError:
        chosen = None
    if chosen is not None and FIRST_DAY <= chosen <= LAST_DAY:
        return chosen
    if asked:
        messages.info(request, MONTH_OUT_OF_RANGE.format(month=this_month))
    return this_month


def _time_page(request, contractor: Contractor, form: TimeEntryForm, *, status: int = 200):
    # The contractor's own calendar decides "this month" and "today", as the time-entry rules do.
    today = today_in(contractor.time_zone)
    month = _month(request, today)
    contracts = [
        c
        for c in selectors.contract_list_for_contractor(contractor=contractor, status=ContractStatus.ACTIVE)
        if c.rate_model in (RateModel.HOURLY, RateModel.RETAINER)
    ]
    entries = selectors.time_entry_list_for_contractor(contractor=contractor, since=month, until=month_end(month))
    # The columns the rows show (contract_tags.portal_time_rows), not the contract's terms and the
    # organization's settings: reading those grew the page with a full month (docs/performance.md).
    entries = entries.only(*PORTAL_TIME_COLUMNS)
    context = {
        "portal": True,
        "contractor": contractor,
        "form": form,
        "contracts": contracts,
        "month": month,
        "previous_month": add_months(month, -1),
        "next_month": add_months(month, 1),
        "is_this_month": month == today.replace(day=1),
        "page": CappedPaginator(entries, PAGE_SIZE).get_page(request.GET.get("page")),
    }
    return render(request, "portal/time.html", context, status=status)


@contractor_view(methods=("GET", "POST"))
def portal_time(request, contractor: Contractor):
    choices = page_selectors.loggable_contract_choices(contractor=contractor)
    data = request.POST if request.method == "POST" else None
    initial = {"worked_on": today_in(contractor.time_zone), "contract": choices[0][0] if len(choices) == 1 else None}
    tasks = task_selectors.task_loggable_choices(contractor=contractor)
    form = TimeEntryForm(data, contracts=choices, initial=initial, tasks=tasks)
    if form.is_bound and form.is_valid():
        contract = access_contract_for_contractor(contractor, form.cleaned_data["contract"])
        task_id = form.cleaned_data.get("task")
        try:
            entry = services.time_entry_create(
                contractor=contractor,
                contract=contract,
                worked_on=form.cleaned_data["worked_on"],
                minutes=form.minutes,
                note=form.cleaned_data["note"],
                task=access_task_for_contractor(contractor, task_id) if task_id else None,
            )
        except DomainError as exc:
            form.apply_service_error(exc)
        else:
            messages.success(
                request, f"Logged {duration_text(form.minutes)} on {contract.title} for {contract.organization.name}."
            )
            warning = page_selectors.time_entry_cap_warning(
                contract=contract, day=entry.worked_on, minutes=entry.minutes, exclude_id=entry.pk
            )
            if warning:
                messages.warning(request, warning)
            return redirect("portal:time")
    return _time_page(request, contractor, form, status=400 if form.errors else 200)


@contractor_view(methods=("GET", "POST"))
def portal_time_edit(request, contractor: Contractor, entry_id: int):
    entry = access_time_entry_for_contractor(contractor, entry_id)
    data = request.POST if request.method == "POST" else None
    form = TimeEntryForm(data, contracts=None, entry_id=entry.pk, initial=TimeEntryForm.initial_for(entry))
    if form.is_bound and form.is_valid():
        try:
            services.time_entry_update(
                entry=entry,
                contractor=contractor,
                worked_on=form.cleaned_data["worked_on"],
                minutes=form.minutes,
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            form.apply_service_error(exc)
        else:
            resubmitted = " and submitted again for review" if entry.status == TimeEntryStatus.REJECTED else ""
            messages.success(request, f"Your time entry is saved{resubmitted}: {duration_text(form.minutes)}.")
            return redirect("portal:time")
    context = {"portal": True, "contractor": contractor, "entry": entry, "form": form}
    return form_page(request, "portal/time_edit.html", context)


@contractor_view(methods=("POST",))
def portal_time_delete(request, contractor: Contractor, entry_id: int):
    entry = access_time_entry_for_contractor(contractor, entry_id)
    try:
        services.time_entry_delete(entry=entry, contractor=contractor)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Deleted {duration_text(entry.minutes)} on {entry.worked_on:%d %b %Y}.")
    return redirect("portal:time")


def _cap_warning(request, contractor: Contractor, minutes: int) -> str:
    """The weekly-cap warning for the previewed entry: the contract comes from the entry being
    edited (`entry`) or the one chosen (`contract`), the day from `worked_on` (default today).
    Whatever is missing or not the contractor's own gives no warning: a preview never fails."""
    try:
        day = date.fromisoformat(request.GET.get("worked_on") or today_in(contractor.time_zone).isoformat())
        entry_id, contract_id = (int(request.GET.get(name) or 0) for name in ("entry", "contract"))
        if entry_id:
            entry = access_time_entry_for_contractor(contractor, entry_id)
            contract, exclude_id = entry.contract, entry.pk
        elif contract_id:
            contract, exclude_id = access_contract_for_contractor(contractor, contract_id), None
        else:
            return ""
    except (ValueError, Http404):
        return ""
    return page_selectors.time_entry_cap_warning(contract=contract, day=day, minutes=minutes, exclude_id=exclude_id)


@contractor_view()
def portal_time_understood(request, contractor: Contractor):
    """The htmx preview under the time field: what the typed duration will be saved as, and, before
    anything is saved, whether it takes the contract over its weekly cap."""
    text = request.GET.get("duration", "")
    ok, message = understood_text(text)
    minutes, _ = duration_reading(text)
    warning = _cap_warning(request, contractor, minutes) if ok and minutes else ""
    html = format_html('<span class="{}">{}</span>', "muted" if ok else "error", message)
    if warning:
        html += format_html('<span class="flash flash-warning cap-warning">{}</span>', warning)
    return HttpResponse(html)
