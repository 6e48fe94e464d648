"""The check-in panels of the task pages, as inclusion tags so each page includes them with one
line: the organization's (cadence form, latest check-ins) and the contractor's (check-in form)."""

from django import template

from outsourcer.work import selectors_checkins as selectors
from outsourcer.work.forms_checkins import CadenceForm, CheckInForm
from outsourcer.work.services.checkins import CADENCE_CLOSED, CHECKIN_STATUSES

register = template.Library()


@register.inclusion_tag("work/checkins/_org_panel.html", takes_context=True)
def task_checkins_org(context, task):
    cadence = selectors.checkin_cadence_for_task(task=task)
    return {
        "csrf_token": context.get("csrf_token"),
        "ctx": context.get("ctx"),
        "task": task,
        "cadence": cadence,
        "checkins": selectors.checkin_list_for_task(task=task),
        "may_manage": context.get("may_manage") and task.status not in CADENCE_CLOSED,
        "cadence_form": CadenceForm(initial=CadenceForm.initial_for(cadence)),
    }


@register.inclusion_tag("work/checkins/_portal_panel.html", takes_context=True)
def task_checkins_portal(context, task):
    checkins = selectors.checkin_list_for_task(task=task)
    # The form starts from the latest status: a check-in usually moves the percentage on.
    initial = {"status": checkins[0].status, "percent_done": checkins[0].percent_done} if checkins else {}
    return {
        "csrf_token": context.get("csrf_token"),
        "contractor": context.get("contractor"),
        "task": task,
        "cadence": selectors.checkin_cadence_for_task(task=task),
        "checkins": checkins,
        "may_check_in": task.status in CHECKIN_STATUSES,
        "checkin_form": CheckInForm(initial=initial),
    }
