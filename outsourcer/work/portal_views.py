"""The contractor's tasks in the portal: every task sent to them by every organization in one list,
a task's brief (the deadline in their zone and the organization's), and their answers to it —
accept, decline with a reason, ask a question, start, submit. Another contractor's task is a 404."""

from django.contrib import messages
from django.shortcuts import redirect, render

from outsourcer.contractors.decorators import contractor_view
from outsourcer.contractors.models import Contractor
from outsourcer.lib.errors import DomainError
from outsourcer.lib.pagination import CappedPaginator
from outsourcer.work import selectors, services
from outsourcer.work.access import access_task_for_contractor
from outsourcer.work.flows import TASK_FLOW
from outsourcer.work.forms import PortalTaskFilterForm, ReasonForm
from outsourcer.work.thread_page import thread_context

PAGE_SIZE = 25
# The contractor's actions with the text each needs (None: a button alone) and what it says after
# (never with the organization's name last: "Crumb & Co." would end the sentence in "..").
ACTIONS = {
    "accept": (services.task_accept, None, "You accepted “{title}”."),
    "decline": (services.task_decline, ("reason", "Why you decline"), "You declined “{title}”; {org} is told why."),
    "ask": (services.task_ask, ("question", "Your question"), "{org} has your question about “{title}”."),
    "start": (services.task_start, None, "“{title}” is in progress."),
    "submit": (services.task_submit, None, "{org} has your work on “{title}”: it is submitted."),
}


@contractor_view()
def portal_task_list(request, contractor: Contractor):
    form = PortalTaskFilterForm(request.GET, organizations=selectors.task_organization_choices(contractor=contractor))
    filters = form.filters()
    tasks = selectors.task_list_for_contractor(contractor=contractor, **filters)
    tasks = tasks.only(*selectors.PORTAL_TASK_LIST_COLUMNS)
    context = {
        "portal": True,
        "contractor": contractor,
        "form": form,
        "is_filtered": filters["status"] != selectors.OPEN or filters["organization_id"] is not None,
        "page": CappedPaginator(tasks, PAGE_SIZE).get_page(request.GET.get("page")),
    }
    template = "portal/tasks.html#results" if request.headers.get("HX-Request") else "portal/tasks.html"
    return render(request, template, context)


def _page(request, contractor: Contractor, task, *, forms=None, status: int = 200):
    forms = forms or {}
    context = {
        "portal": True,
        "contractor": contractor,
        "task": task,
        "milestones": list(selectors.task_milestone_list(task=task)),
        "actions": [action for action in TASK_FLOW.actions(task.status) if action in ACTIONS],
        "decline_form": forms.get("decline") or ReasonForm(name="decline", label="Why you decline"),
        "ask_form": forms.get("ask") or ReasonForm(name="ask", label="Your question"),
        **thread_context(task, by_contractor=True, form=forms.get("thread")),
    }
    return render(request, "portal/task.html", context, status=status)


portal_task_page = _page  # the thread's views show the page again with a refused message


@contractor_view()
def portal_task_detail(request, contractor: Contractor, task_id: int):
    return _page(request, contractor, access_task_for_contractor(contractor, task_id))


def _act(request, contractor: Contractor, task_id: int, action: str):
    task = access_task_for_contractor(contractor, task_id)
    service, text, done = ACTIONS[action]
    kwargs = {}
    if text is not None:
        name, label = text
        form = ReasonForm(request.POST, name=action, label=label)
        if not form.is_valid():
            return _page(request, contractor, task, forms={action: form}, status=400)
        kwargs[name] = form.cleaned_data["text"]
    try:
        task = service(task=task, contractor=contractor, **kwargs)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done.format(title=task.title, org=task.organization.name))
    return redirect("tasks-portal:detail", task.pk)


@contractor_view(methods=("POST",))
def portal_task_accept(request, contractor: Contractor, task_id: int):
    return _act(request, contractor, task_id, "accept")


@contractor_view(methods=("POST",))
def portal_task_decline(request, contractor: Contractor, task_id: int):
    return _act(request, contractor, task_id, "decline")


@contractor_view(methods=("POST",))
def portal_task_ask(request, contractor: Contractor, task_id: int):
    return _act(request, contractor, task_id, "ask")


@contractor_view(methods=("POST",))
def portal_task_start(request, contractor: Contractor, task_id: int):
    return _act(request, contractor, task_id, "start")


@contractor_view(methods=("POST",))
def portal_task_submit(request, contractor: Contractor, task_id: int):
    return _act(request, contractor, task_id, "submit")
