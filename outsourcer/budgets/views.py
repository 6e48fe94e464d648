"""Budget pages: the overview, create/edit, the budget itself (figures, burn chart, spend by
contractor, the ledger, the rate-model advisor), expenses and reversals. Every write is one
service call; every figure comes from budgets/selectors.py."""

from html import escape

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dates import MONTHS_3
from django.utils.safestring import mark_safe

from outsourcer.accounts.access import OrgContext
from outsourcer.accounts.decorators import org_view
from outsourcer.accounts.own_work import access_not_own_work
from outsourcer.budgets import advisor, charts, page_selectors, selectors, services
from outsourcer.budgets.access import access_budget, access_spend_entry
from outsourcer.budgets.forms import AdviceForm, BudgetForm, ExpenseForm, LedgerFilterForm, ReverseForm, parse_day
from outsourcer.budgets.models import Budget
from outsourcer.budgets.periods import Period, periods_between, today_for
from outsourcer.budgets.templatetags.budget_tags import STATUS_TEXT
from outsourcer.contractors.models import Contractor
from outsourcer.contracts import selectors as contract_selectors
from outsourcer.lib.csv_files import csv_response
from outsourcer.lib.errors import DomainError
from outsourcer.lib.forms import form_page, form_save, post_data
from outsourcer.lib.money import amount_text, format_money
from outsourcer.lib.pagination import CappedPaginator

PAGE_SIZE = 25


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


@org_view("budget.view")
def budget_list(request, ctx: OrgContext):
    # Every budget on one page, on purpose: the overview is the whole money picture, an organization
    # has tens of budgets, and the selector computes all their figures in a fixed number of queries.
    budgets = selectors.budget_list_for_organization(
        organization=ctx.organization, recent_days=selectors.RUN_OUT_WINDOW_DAYS
    )
    run_out = page_selectors.budget_run_out_by_id(organization=ctx.organization, budgets=budgets)
    context = {"ctx": ctx, "rows": _overview_rows(ctx, budgets, run_out), "may_manage": ctx.may("budget.manage")}
    return render(request, "budgets/list.html", context)


# One overview row; the bar is budgets/_bar.html. Built in Python (every value escaped)
# rather than with template tags: per row, Django's template engine resolved ~15 variables, an include,
# a url tag, four money and three date filters, ~65 µs a row, most of the page's Python with 40
# budgets (docs/performance.md). The row markup must stay in step with the table head in list.html.
_ROW = (
    '<tr>\n<td><a href="{url}">{name}</a></td>\n'
    '<td><span class="cell-label">Period</span>{period}<br><small class="muted">{dates}</small></td>\n'
    '<td class="num"><span class="cell-label">Budgeted</span>{budgeted}</td>\n'
    '<td class="num"><span class="cell-label">Committed</span>{committed}</td>\n'
    '<td class="num"><span class="cell-label">Spent</span>{spent}</td>\n'
    '<td class="num{negative}"><span class="cell-label">Remaining</span>{remaining}</td>\n'
    '<td><span class="cell-label">Used</span><span class="bar-row"><svg class="bar" viewBox="0 0 100 10" '
    'preserveAspectRatio="none" width="100" height="10" role="img" aria-label="{percent} % used">'
    '<rect x="0" y="0" width="100" height="10" rx="2" class="bar-track"></rect>'
    '<rect x="0" y="0" width="{bar}" height="10" rx="2" class="bar-fill bar-{status}"></rect>'
    '</svg> <span class="bar-label">{percent} %</span></span></td>\n'
    '<td><span class="cell-label">Status</span><span class="status status-{status}">{status_text}</span></td>\n'
    '<td><span class="cell-label">Runs out</span>{run_out}</td>\n</tr>\n'
)
_USED_UP = '<span class="negative">Used up</span>'
_LASTS = '<span class="muted">Lasts the period</span>'
_WILL_NOT_LAST = '<span class="negative">Not with what is committed</span>'


def _overview_rows(ctx: OrgContext, budgets: list[Budget], run_out: dict) -> list[str]:
    """The overview's table rows as HTML, one per budget. Text that comes from people (the name)
    or from other modules (money, labels) is escaped here; numbers, ISO dates and the fixed
    markup above are not."""
    months = {m: str(name).title() for m, name in MONTHS_3.items()}  # the `date:"M"` names
    # One reverse() instead of one per row: the budget id is the last segment of the detail URL.
    sample = reverse("budgets:detail", args=[ctx.organization.slug, 1])
    prefix, _, suffix = sample.rpartition("/1/")
    periods = dict(Budget._meta.get_field("period").flatchoices)
    rows = []
    for budget in budgets:
        f = budget.figures
        start, end, day = f.period_start, f.period_end, run_out[budget.pk]
        if f.percent_spent >= 100:
            runs_out = _USED_UP
        elif day:
            runs_out = f'<time datetime="{day.isoformat()}">{day.day} {months[day.month]} {day.year}</time>'
        elif f.status == "over":
            # Spending may look slow, but what is committed and expected already passes the amount.
            runs_out = _WILL_NOT_LAST
        else:
            runs_out = _LASTS
        rows.append(
            _ROW.format(
                url=escape(f"{prefix}/{budget.pk}/{suffix}"),
                name=escape(budget.name),
                period=escape(str(periods.get(budget.period, budget.period))),
                dates=escape(f"{start.day} {months[start.month]} – {end.day} {months[end.month]} {end.year}"),
                budgeted=escape(format_money(f.budgeted_cents, f.currency)),
                committed=escape(format_money(f.committed_cents, f.currency)),
                spent=escape(format_money(f.spent_cents, f.currency)),
                remaining=escape(format_money(f.remaining_cents, f.currency)),
                negative=" negative" if f.remaining_cents < 0 else "",
                # The bar, status and remaining share one figure: spent + committed + expected hourly.
                percent=int(f.percent_projected),
                bar=max(0, min(int(f.percent_projected), 100)),
                status=escape(f.status),
                status_text=escape(str(STATUS_TEXT.get(f.status, f.status))),
                run_out=runs_out,
            )
        )
    # Safe: every interpolated value was escaped or is an int.
    return [mark_safe(row) for row in rows]  # noqa: S308


@org_view("budget.manage", methods=("GET", "POST"))
def budget_create(request, ctx: OrgContext):
    organization = ctx.organization
    initial = {"currency": organization.currency, "starts_on": today_for(organization)}
    form = BudgetForm(post_data(request), initial=initial)
    created = form_save(
        form, lambda: services.budget_create(organization=organization, actor=ctx.user, **form.service_kwargs())
    )
    if created:
        messages.success(request, f"The budget “{created.name}” is set up.")
        return redirect("budgets:detail", organization.slug, created.pk)
    context = {"ctx": ctx, "form": form, "title": "New budget"}
    return form_page(request, "budgets/form.html", context)


@org_view("budget.manage", methods=("GET", "POST"))
def budget_edit(request, ctx: OrgContext, budget_id: int):
    budget = access_budget(ctx, budget_id)
    form = BudgetForm(post_data(request), initial=BudgetForm.initial_for(budget))
    saved = form_save(form, lambda: services.budget_update(budget=budget, actor=ctx.user, **form.service_kwargs()))
    if saved:
        messages.success(request, f"The budget “{saved.name}” is saved.")
        return redirect("budgets:detail", ctx.organization.slug, saved.pk)
    context = {"ctx": ctx, "form": form, "budget": budget, "title": f"Edit {budget.name}"}
    return form_page(request, "budgets/form.html", context)


def _chosen_period(request, budget: Budget) -> tuple[Period, bool]:
    """(the period on show, whether it is the current one): the `period` asked for when the budget
    has it, else the current one; from the budget's dates alone (no query)."""
    periods = periods_between(
        kind=budget.period, starts_on=budget.starts_on, ends_on=budget.ends_on, until=today_for(budget.organization)
    )
    wanted = parse_day(request.GET.get("period") or request.POST.get("period"))
    period = next((p for p in periods if p.start == wanted), periods[-1])
    return period, period == periods[-1]


def _ledger_filters(request, contractors, period) -> tuple[LedgerFilterForm, dict]:
    form = LedgerFilterForm(request.GET, contractors=contractors)
    filters = form.filters()
    # The ledger is bounded to the period on show unless the viewer picks dates.
    if not filters["since"] and not filters["until"]:
        filters["since"], filters["until"] = period.start, period.end
    return form, filters


def _ledger_context(request, ctx: OrgContext, budget: Budget, period, contractors=None) -> dict:
    if contractors is None:
        contractors = page_selectors.contractor_choices_for_organization(organization=ctx.organization)
    ledger_form, filters = _ledger_filters(request, contractors, period)
    entries = selectors.spend_entry_list_for_budget(budget=budget, **filters)
    return {
        "ctx": ctx,
        "slug": ctx.organization.slug,
        "cur": budget.currency,
        "budget": budget,
        "ledger_form": ledger_form,
        "ledger_filters": filters,
        "ledger_query": request.GET.urlencode(),
        "page": CappedPaginator(entries, PAGE_SIZE).get_page(request.GET.get("page")),
        "period_start": period.start,  # the ledger's filter form keeps the period on show
        "may_correct": ctx.may("ledger.correct"),
        "may_record": ctx.may("expense.record"),
    }


def _detail_context(
    request, ctx: OrgContext, budget: Budget, *, advice_form=None, advice=None, contractors=None
) -> dict:
    period, is_current = _chosen_period(request, budget)
    period_start = period.start
    figures = page_selectors.budget_page_figures(budget=budget, period_start=period_start)
    summary = page_selectors.budget_spend_summary(budget=budget, period_start=period_start)
    series = summary.series
    ledger = _ledger_context(request, ctx, budget, period, contractors)
    return {
        **ledger,
        "figures": figures,
        "history": summary.history,
        "is_current": is_current,
        "run_out_on": selectors.budget_forecast_run_out(
            budget=budget, spent_cents=figures.spent_cents, recent_cents=summary.recent_cents
        )
        if is_current
        else None,
        "burn_rows": [(day, cents - (series[i - 1][1] if i else 0), cents) for i, (day, cents) in enumerate(series)],
        "chart": charts.burn_chart(
            series=series,
            budgeted_cents=figures.budgeted_cents,
            currency=budget.currency,
            period_start=figures.period_start,
            period_end=figures.period_end,
            thresholds=budget.thresholds,
        ),
        "by_contractor": summary.by_contractor,
        "alerts": summary.alerts,
        # The advisor's form (and its contractor choices) only once it is opened (budget_advice).
        "advice_form": advice_form,
        "advice": advice,
        "may_manage": ctx.may("budget.manage"),
        # One query whatever their number (with_spend): the contracts drawing from this budget.
        "contracts": list(contract_selectors.contract_list_for_budget(budget=budget)),
        "may_create_contract": ctx.may("contract.manage"),
    }


@org_view("budget.view")
def budget_detail(request, ctx: OrgContext, budget_id: int):
    budget = access_budget(ctx, budget_id)
    # htmx filtering and paging swap only the ledger: they compute nothing else.
    if _is_htmx(request):
        context = _ledger_context(request, ctx, budget, _chosen_period(request, budget)[0])
        return render(request, "budgets/detail.html#ledger", context)
    return render(request, "budgets/detail.html", _detail_context(request, ctx, budget))


@org_view("budget.view")
def ledger_export(request, ctx: OrgContext, budget_id: int):
    budget = access_budget(ctx, budget_id)
    contractors = page_selectors.contractor_choices_for_organization(organization=ctx.organization)
    _, filters = _ledger_filters(request, contractors, _chosen_period(request, budget)[0])
    rows = selectors.spend_entries_csv_rows(budget=budget, **filters)
    return csv_response(
        rows, filename=f"{ctx.organization.slug}-budget-{budget.pk}-ledger-{filters['since']}-{filters['until']}.csv"
    )


@org_view("budget.view")
def burn_export(request, ctx: OrgContext, budget_id: int):
    budget = access_budget(ctx, budget_id)
    period_start = _chosen_period(request, budget)[0].start
    figures = selectors.budget_figures(budget=budget, period_start=period_start)
    series = selectors.budget_burn_series(budget=budget, period_start=period_start)

    def rows():
        yield ["date", f"spent to date ({budget.currency})", f"budget ({budget.currency})"]
        for day, cents in series:
            yield [
                day.isoformat(),
                amount_text(cents, budget.currency),
                amount_text(figures.budgeted_cents, budget.currency),
            ]

    return csv_response(rows(), filename=f"{ctx.organization.slug}-budget-{budget.pk}-burn-{period_start}.csv")


@org_view("budget.view", methods=("GET", "POST"))
def budget_advice(request, ctx: OrgContext, budget_id: int):
    """The rate-model advisor: GET opens its form, POST answers; in place (htmx) or by rendering
    the whole page (no JS). The budget page links here instead of rendering the form itself."""
    budget = access_budget(ctx, budget_id)
    contractors = page_selectors.contractor_choices_for_organization(organization=ctx.organization)
    form = AdviceForm(post_data(request), contractors=contractors)
    advice = None
    if form.is_bound and form.is_valid():
        contractor = Contractor.objects.filter(
            pk=form.cleaned_data["contractor"], engagements__organization=ctx.organization
        ).first()
        if contractor is None:
            form.add_error("contractor", "Choose one of your contractors.")
        else:
            low, high = form.minutes()
            try:
                advice = advisor.rate_model_advice(
                    budget=budget,
                    contractor=contractor,
                    low_minutes=low,
                    high_minutes=high,
                    weeks=form.cleaned_data.get("weeks"),
                    exchange_rate_micros=form.rate_micros,
                )
            except DomainError as exc:
                form.apply_service_error(exc)
    status = 200 if advice is not None or _is_htmx(request) or not form.is_bound else 400
    if _is_htmx(request):
        context = {
            "ctx": ctx,
            "slug": ctx.organization.slug,
            "cur": budget.currency,
            "budget": budget,
            "advice_form": form,
            "advice": advice,
        }
        return render(request, "budgets/detail.html#advice", context, status=status)
    context = _detail_context(request, ctx, budget, advice_form=form, advice=advice, contractors=contractors)
    return render(request, "budgets/detail.html", context, status=status)


@org_view("expense.record", methods=("GET", "POST"))
def expense_create(request, ctx: OrgContext, budget_id: int):
    budget = access_budget(ctx, budget_id)
    contractors = page_selectors.contractor_choices_for_organization(organization=ctx.organization)
    form = ExpenseForm(
        post_data(request),
        request.FILES or None,
        currency=budget.currency,
        contractors=contractors,
        initial={"occurred_on": today_for(ctx.organization)},
    )
    if form.is_bound and form.is_valid():
        contractor_id = form.cleaned_data["contractor"]
        contractor = Contractor.objects.filter(pk=contractor_id).first() if contractor_id else None
        access_not_own_work(ctx, contractor)
        try:
            entry = services.expense_record(
                budget=budget,
                actor=ctx.user,
                amount_cents=form.amount_cents,
                occurred_on=form.cleaned_data["occurred_on"],
                description=form.cleaned_data["description"],
                receipt=form.cleaned_data.get("receipt"),
                contractor=contractor,
            )
        except DomainError as exc:
            form.apply_service_error(exc)
        else:
            messages.success(request, f"Expense of {format_money(entry.amount_cents, entry.currency)} recorded.")
            return redirect("budgets:detail", ctx.organization.slug, budget.pk)
    context = {"ctx": ctx, "budget": budget, "form": form}
    return form_page(request, "budgets/expense_form.html", context)


@org_view("ledger.correct", methods=("GET", "POST"))
def entry_reverse(request, ctx: OrgContext, budget_id: int, entry_id: int):
    budget = access_budget(ctx, budget_id)
    entry = access_spend_entry(ctx, budget, entry_id)
    form = ReverseForm(post_data(request))
    if form.is_bound and form.is_valid():
        try:
            services.spend_entry_reverse(entry=entry, actor=ctx.user, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            form.add_error("reason" if exc.field == "reason" else None, exc.message)
        else:
            messages.success(
                request,
                f"Entry reversed: a correction of {format_money(-entry.amount_cents, entry.currency)} was added.",
            )
            return redirect("budgets:detail", ctx.organization.slug, budget.pk)
    context = {"ctx": ctx, "budget": budget, "entry": entry, "form": form}
    return form_page(request, "budgets/reverse.html", context)


@org_view("budget.view")
def receipt_download(request, ctx: OrgContext, budget_id: int, entry_id: int):
    # Receipts are never served from a public media URL: only members of the organization get them.
    budget = access_budget(ctx, budget_id)
    entry = access_spend_entry(ctx, budget, entry_id)
    if not entry.receipt:
        raise Http404
    name = entry.receipt.name.rsplit("/", 1)[-1]
    return FileResponse(entry.receipt.open("rb"), as_attachment=True, filename=name)
