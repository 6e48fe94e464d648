"""Task pages of an organization: the list, the brief form with its live clarity check, the task
with its status actions (send through the check, answer a question, done, cancel) and milestones.
Every write is one service call."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from outsourcer.accounts.access import OrgContext
from outsourcer.accounts.decorators import org_view
from outsourcer.budgets.periods import today_for
from outsourcer.contracts.access import access_contract
from outsourcer.contracts.models import RateModel
from outsourcer.lib.access import one_or_404
from outsourcer.lib.errors import DomainError, OverrideRequired
from outsourcer.lib.forms import post_data
from outsourcer.lib.pagination import CappedPaginator
from outsourcer.oversight.selectors.utilization import capacity_check
from outsourcer.similar.page import similar_context
from outsourcer.work import selectors, services
from outsourcer.work.access import access_task
from outsourcer.work.briefs import ContractorWindow, brief_check
from outsourcer.work.flows import TASK_FLOW
from outsourcer.work.forms import MilestoneForm, ReasonForm, TaskFilterForm, TaskForm, check_url
from outsourcer.work.models import EDITABLE_STATUSES, Task, TaskStatus
from outsourcer.work.task_briefs import task_brief_from, task_window
from outsourcer.work.thread_page import thread_context

PAGE_SIZE = 25
SENDABLE = (TaskStatus.DRAFT, TaskStatus.QUESTION)


@org_view("task.view")
def task_list(request, ctx: OrgContext):
    form = TaskFilterForm(request.GET, contractors=selectors.task_contractor_choices(organization=ctx.organization))
    filters = form.filters()
    tasks = selectors.task_list_for_organization(organization=ctx.organization, **filters)
    tasks = tasks.only(*selectors.TASK_LIST_COLUMNS)
    context = {
        "ctx": ctx,
        "form": form,
        "is_filtered": filters["status"] != selectors.OPEN or filters["contractor_id"] is not None,
        "page": CappedPaginator(tasks, PAGE_SIZE).get_page(request.GET.get("page")),
        "may_manage": ctx.may("task.manage"),
    }
    template = "tasks/list.html#results" if request.headers.get("HX-Request") else "tasks/list.html"
    return render(request, template, context)


def _task_form(request, ctx: OrgContext, task: Task | None) -> TaskForm:
    contracts = None if task else selectors.task_contract_choices(organization=ctx.organization)
    initial = TaskForm.initial_for(task) if task else {"contract": request.GET.get("contract")}
    return TaskForm(
        post_data(request),
        initial=initial,
        contracts=contracts,
        contacts=selectors.task_contact_choices(organization=ctx.organization),
        check_url=check_url(ctx.organization.slug),
    )


def _form_findings(ctx: OrgContext, form: TaskForm, task: Task | None) -> dict:
    """The clarity check on what the form holds now (valid fields only), for the contract's contractor."""
    form.is_valid()
    data = form.cleaned_data
    values = form.brief()
    contract = task.contract if task else None
    if contract is None and data.get("contract"):
        contract = access_contract(ctx, data["contract"])
    contact = dict(form.fields["point_of_contact"].choices).get(data.get("point_of_contact"), "")
    window = task_window(contract.engagement) if contract else ContractorWindow()
    brief = task_brief_from(values, rate_model=contract.rate_model if contract else "", point_of_contact_name=contact)
    similar = similar_context(ctx, form, kind="task", exclude=task.pk if task else None, contract=contract)
    findings = brief_check(brief, window, send_at=timezone.now())
    return {
        "findings": findings,
        "contract": contract,
        "checked": True,
        **similar,
        **_capacity(ctx, contract, values, task),
    }


def _capacity(ctx: OrgContext, contract, values: dict, task: Task | None) -> dict:
    """The weeks the task would over-book its contractor across all their clients (oversight)."""
    if contract is None:
        return {}
    over = capacity_check(
        contractor=contract.contractor,
        estimate_minutes=values.get("estimate_minutes"),
        deadline_at=values.get("deadline_at"),
        today=today_for(ctx.organization),
        now=timezone.now(),
        exclude_task_id=task.pk if task else None,
    )
    return {"overbooked": over}


def _form_page(request, ctx: OrgContext, task: Task | None):
    form = _task_form(request, ctx, task)
    checking = request.method == "POST" and "check" in request.POST
    if form.is_bound and not checking and form.is_valid():
        brief = form.brief()
        # The choices are the organization's members: an id that validated names one of them.
        brief["point_of_contact"] = selectors.task_contact(
            organization=ctx.organization, user_id=form.cleaned_data["point_of_contact"]
        )
        brief["duplicate_override_reason"] = form.cleaned_data["duplicate_override_reason"]
        try:
            if task is None:
                contract = access_contract(ctx, form.cleaned_data["contract"])
                task = services.task_create(organization=ctx.organization, actor=ctx.user, contract=contract, **brief)
            else:
                task = services.task_update(task=task, actor=ctx.user, **brief)
        except DomainError as exc:
            form.apply_service_error(exc)
        else:
            messages.success(request, f"“{task.title}” saved. Check the brief, then send it.")
            return redirect("tasks:detail", ctx.organization.slug, task.pk)
    context = {"ctx": ctx, "form": form, "task": task, "title": f"Edit {task.title}" if task else "New task"}
    failed = form.is_bound and not checking and bool(form.errors)
    # Similar work found on saving shows under the form, with the reason it asks for.
    if checking or "duplicate_override_reason" in form.errors:
        context |= _form_findings(ctx, form, task)
    return render(request, "tasks/form.html", context, status=400 if failed else 200)


@org_view("task.manage", methods=("GET", "POST"))
def task_create(request, ctx: OrgContext):
    return _form_page(request, ctx, None)


@org_view("task.manage", methods=("GET", "POST"))
def task_edit(request, ctx: OrgContext, task_id: int):
    task = access_task(ctx, task_id)
    if task.status not in EDITABLE_STATUSES:
        messages.error(request, "The contractor has taken this task on; its brief no longer changes.")
        return redirect("tasks:detail", ctx.organization.slug, task.pk)
    return _form_page(request, ctx, task)


@org_view("task.manage", methods=("POST",))
def task_check(request, ctx: OrgContext):
    """The htmx partial under the form: the findings for what is typed now. Saves nothing."""
    task = access_task(ctx, int(request.POST["task"])) if request.POST.get("task", "").isdigit() else None
    form = _task_form(request, ctx, task)
    # The check never raises on what people type, and only fields that validated reach it.
    return render(request, "tasks/form.html#findings", {"ctx": ctx, **_form_findings(ctx, form, task)})


def _detail(request, ctx: OrgContext, task: Task, *, override=None, forms=None, status: int = 200):
    findings = services.task_findings(task) if task.status in SENDABLE else []
    fixed = task.contract.rate_model == RateModel.FIXED
    contract_milestones = (
        [(m.pk, f"{m.title} (due {m.due_on:%d %b %Y})") for m in selectors.task_contract_milestones(task=task)]
        if fixed
        else None
    )
    forms = forms or {}
    context = {
        "ctx": ctx,
        "task": task,
        "milestones": list(selectors.task_milestone_list(task=task)),
        "findings": findings,
        "override": override,
        "actions": TASK_FLOW.actions(task.status),
        "may_manage": ctx.may("task.manage"),
        "is_editable": task.status in EDITABLE_STATUSES,
        "send_form": forms.get("send") or ReasonForm(name="send", label="Why send it anyway?", required=False),
        "answer_form": forms.get("answer") or ReasonForm(name="answer", label="Your answer"),
        "milestone_form": forms.get("milestone")
        or MilestoneForm(contract_milestones=contract_milestones, currency=task.contract.currency),
        **thread_context(task, by_contractor=False, may_write=ctx.may("task.manage"), form=forms.get("thread")),
    }
    if task.status in SENDABLE:
        brief = {"estimate_minutes": task.estimate_minutes, "deadline_at": task.deadline_at}
        context |= _capacity(ctx, task.contract, brief, task)
    return render(request, "tasks/detail.html", context, status=status)


task_page = _detail  # the thread's views show the page again with a refused message


@org_view("task.view")
def task_detail(request, ctx: OrgContext, task_id: int):
    return _detail(request, ctx, access_task(ctx, task_id))


@org_view("task.manage", methods=("POST",))
def task_send(request, ctx: OrgContext, task_id: int):
    task = access_task(ctx, task_id)
    form = ReasonForm(request.POST, name="send", label="Why send it anyway?", required=False)
    if not form.is_valid():
        return _detail(request, ctx, task, forms={"send": form}, status=400)
    try:
        task = services.task_send(task=task, actor=ctx.user, override_reason=form.cleaned_data["text"])
    except OverrideRequired as exc:
        return _detail(request, ctx, task, override=exc, forms={"send": form}, status=409)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"“{task.title}” sent to {task.contractor.name}.")
    return redirect("tasks:detail", ctx.organization.slug, task.pk)


@org_view("task.manage", methods=("POST",))
def task_answer(request, ctx: OrgContext, task_id: int):
    task = access_task(ctx, task_id)
    form = ReasonForm(request.POST, name="answer", label="Your answer")
    if not form.is_valid():
        return _detail(request, ctx, task, forms={"answer": form}, status=400)
    try:
        services.task_answer(task=task, actor=ctx.user, answer=form.cleaned_data["text"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Answer sent to {task.contractor.name}; the task waits for them again.")
    return redirect("tasks:detail", ctx.organization.slug, task.pk)


def _simple(request, ctx: OrgContext, task_id: int, service, done: str):
    task = access_task(ctx, task_id)
    try:
        task = service(task=task, actor=ctx.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done.format(title=task.title))
    return redirect("tasks:detail", ctx.organization.slug, task.pk)


@org_view("task.manage", methods=("POST",))
def task_done(request, ctx: OrgContext, task_id: int):
    return _simple(request, ctx, task_id, services.task_done, "“{title}” is done.")


@org_view("task.manage", methods=("POST",))
def task_cancel(request, ctx: OrgContext, task_id: int):
    return _simple(request, ctx, task_id, services.task_cancel, "“{title}” is cancelled.")


@org_view("task.manage", methods=("POST",))
def task_milestone_add(request, ctx: OrgContext, task_id: int):
    task = access_task(ctx, task_id)
    fixed = task.contract.rate_model == RateModel.FIXED
    choices = [(m.pk, m.title) for m in selectors.task_contract_milestones(task=task)] if fixed else None
    form = MilestoneForm(request.POST, contract_milestones=choices, currency=task.contract.currency)
    if form.is_valid():
        data = form.cleaned_data
        contract_milestone = (
            one_or_404(selectors.task_contract_milestones(task=task).filter(pk=data["contract_milestone"]))
            if fixed
            else None
        )
        try:
            services.task_milestone_create(
                task=task,
                actor=ctx.user,
                title=data["title"],
                due_on=data["due_on"],
                amount_cents=data.get("amount"),
                contract_milestone=contract_milestone,
            )
        except DomainError as exc:
            form.apply_service_error(exc)
        else:
            messages.success(request, "Milestone added.")
            return redirect("tasks:detail", ctx.organization.slug, task.pk)
    return _detail(request, ctx, task, forms={"milestone": form}, status=400)
