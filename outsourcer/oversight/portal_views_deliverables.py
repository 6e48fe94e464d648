"""The contractor's hand-overs in the portal: the hand-over page of a task (files, links and a note,
for the whole task or one of its milestones), their list, and one hand-over with every version and
the organization's decisions. Another contractor's task or deliverable is a 404."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from outsourcer.contractors.decorators import contractor_view
from outsourcer.contractors.models import Contractor
from outsourcer.lib.forms import form_save, post_data
from outsourcer.lib.pagination import CappedPaginator
from outsourcer.lib.uploads import attachment_response
from outsourcer.oversight import services
from outsourcer.oversight.access import access_deliverable_for_contractor
from outsourcer.oversight.forms_deliverables import HandOverForm
from outsourcer.oversight.pages_deliverables import version_rows
from outsourcer.oversight.selectors import deliverables as selectors
from outsourcer.oversight.services.deliverables import WORKING
from outsourcer.work.access import access_task_for_contractor
from outsourcer.work.selectors import task_milestone_list

PAGE_SIZE = 25


@contractor_view()
def portal_deliverable_list(request, contractor: Contractor):
    deliverables = selectors.deliverable_list_for_contractor(contractor=contractor)
    page = CappedPaginator(deliverables, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"portal": True, "contractor": contractor, "page": page}
    return render(request, "oversight/portal/list.html", context)


@contractor_view()
def portal_deliverable_detail(request, contractor: Contractor, deliverable_id: int):
    deliverable = access_deliverable_for_contractor(contractor, deliverable_id)
    context = {
        "portal": True,
        "contractor": contractor,
        "deliverable": deliverable,
        "versions": version_rows(deliverable),
    }
    return render(request, "oversight/portal/detail.html", context)


@contractor_view()
def portal_deliverable_file(request, contractor: Contractor, deliverable_id: int, file_id: int):
    deliverable = access_deliverable_for_contractor(contractor, deliverable_id)
    stored = selectors.deliverable_file(deliverable=deliverable, file_id=file_id)
    if stored is None:
        raise Http404
    return attachment_response(stored.file, stored.name)


@contractor_view(methods=("GET", "POST"))
def portal_deliverable_submit(request, contractor: Contractor, task_id: int):
    task = access_task_for_contractor(contractor, task_id)
    milestones = {m.pk: m for m in task_milestone_list(task=task)}
    posted = request.method == "POST"
    form = HandOverForm(
        post_data(request),
        request.FILES if posted else None,
        milestones=[(pk, m.title) for pk, m in milestones.items()],
    )

    def submit():
        data = form.cleaned_data
        return services.deliverable_submit(
            task=task,
            contractor=contractor,
            milestone=milestones.get(data["milestone"]),
            note=data["note"],
            links=data["links"],
            files=data["files"],
        )

    deliverable = form_save(form, submit) if posted else None
    if deliverable is not None:
        messages.success(request, f"You handed over “{deliverable.title}”; {task.organization.name} is told.")
        return redirect("oversight-portal:detail", deliverable_id=deliverable.pk)
    context = {
        "portal": True,
        "contractor": contractor,
        "task": task,
        "form": form,
        "may_hand_over": task.status in WORKING,
        "deliverables": selectors.deliverable_for_task(task_id=task.pk),
    }
    return render(request, "oversight/portal/submit.html", context, status=400 if form.errors else 200)
