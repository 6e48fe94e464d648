"""Check-in pages: the organization sets a task's cadence (a small form on the task page); the
contractor posts a check-in from their task page. Each write is one service call; the panels are
drawn by the `checkin_tags` inclusion tags, so the task pages include them with one line."""

from django.contrib import messages
from django.shortcuts import redirect, render

from outsourcer.accounts.access import OrgContext
from outsourcer.accounts.decorators import org_view
from outsourcer.contractors.decorators import contractor_view
from outsourcer.contractors.models import Contractor
from outsourcer.lib.errors import DomainError
from outsourcer.work import selectors_checkins as selectors
from outsourcer.work.access import access_task, access_task_for_contractor
from outsourcer.work.forms_checkins import NONE, CadenceForm, CheckInForm
from outsourcer.work.services.checkins import checkin_cadence_clear, checkin_cadence_set, checkin_post


def _form_page(request, template: str, context: dict):
    return render(request, template, context, status=400)


@org_view("task.manage", methods=("POST",))
def checkin_cadence(request, ctx: OrgContext, task_id: int):
    task = access_task(ctx, task_id)
    form = CadenceForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["kind"] == NONE:
                checkin_cadence_clear(task=task, actor=ctx.user)
            else:
                checkin_cadence_set(
                    task=task, actor=ctx.user, kind=data["kind"], weekday=data["weekday"], every_days=data["every_days"]
                )
        except DomainError as exc:
            if exc.field:
                form.apply_service_error(exc)
            else:
                messages.error(request, exc.message)
                return redirect("tasks:detail", ctx.organization.slug, task.pk)
        else:
            messages.success(request, "Check-ins saved." if data["kind"] != NONE else "Check-ins stopped.")
            return redirect("tasks:detail", ctx.organization.slug, task.pk)
    context = {"ctx": ctx, "task": task, "cadence_form": form, "may_manage": True}
    return _form_page(request, "work/checkins/cadence_page.html", context)


@contractor_view(methods=("POST",))
def portal_checkin_post(request, contractor: Contractor, task_id: int):
    task = access_task_for_contractor(contractor, task_id)
    form = CheckInForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            checkin_post(
                task=task,
                contractor=contractor,
                status=data["status"],
                percent_done=data["percent_done"],
                note=data["note"],
            )
        except DomainError as exc:
            if exc.field:
                form.apply_service_error(exc)
                return _form_page(request, "work/checkins/checkin_page.html", _portal_context(contractor, task, form))
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Check-in posted; {task.organization.name} sees it on the task.")
        return redirect("tasks-portal:detail", task.pk)
    return _form_page(request, "work/checkins/checkin_page.html", _portal_context(contractor, task, form))


def _portal_context(contractor: Contractor, task, form: CheckInForm) -> dict:
    return {
        "portal": True,
        "contractor": contractor,
        "task": task,
        "checkin_form": form,
        "checkins": selectors.checkin_list_for_task(task=task),
    }
