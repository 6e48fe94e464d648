"""Feedback pages. The organization: the "feedback owed" queue (accepted work without feedback,
oldest first), the page that gives it, and the feedback given. The contractor (portal): the
feedback on their work — ratings and comment, never the private note — and the rating of an
organization on a finished task. Each write is one service call."""

from django.contrib import messages
from django.shortcuts import redirect, render

from outsourcer.accounts.access import OrgContext
from outsourcer.accounts.decorators import org_view
from outsourcer.accounts.own_work import access_not_own_work
from outsourcer.contractors.decorators import contractor_view
from outsourcer.contractors.models import Contractor
from outsourcer.lib.forms import form_page, form_save, post_data
from outsourcer.lib.pagination import CappedPaginator
from outsourcer.oversight.access import access_deliverable
from outsourcer.oversight.forms_feedback import FeedbackForm, OrganizationRatingForm
from outsourcer.oversight.models import Feedback, OrganizationRating
from outsourcer.oversight.selectors import feedback as selectors
from outsourcer.oversight.services import feedback_give, organization_rate
from outsourcer.oversight.services.feedback import FEEDBACK_GIVEN, NOT_FINISHED, RATED, organization_ratable
from outsourcer.work.access import access_task_for_contractor

PAGE_SIZE = 25


@org_view("deliverable.view")
def feedback_owed(request, ctx: OrgContext):
    owed = selectors.feedback_owed_for_organization(organization=ctx.organization)
    context = {
        "ctx": ctx,
        "page": CappedPaginator(owed, PAGE_SIZE).get_page(request.GET.get("page")),
        "may_give": ctx.may("feedback.give"),
    }
    return render(request, "oversight/feedback/owed.html", context)


@org_view("deliverable.view")
def feedback_list(request, ctx: OrgContext):
    given = selectors.feedback_list_for_organization(organization=ctx.organization)
    context = {"ctx": ctx, "page": CappedPaginator(given, PAGE_SIZE).get_page(request.GET.get("page"))}
    return render(request, "oversight/feedback/list.html", context)


@org_view("feedback.give", methods=("GET", "POST"))
def feedback_give_page(request, ctx: OrgContext, deliverable_id: int):
    deliverable = access_deliverable(ctx, deliverable_id)
    access_not_own_work(ctx, deliverable.contractor)
    given = Feedback.objects.filter(deliverable=deliverable).first()
    form = FeedbackForm(post_data(request))
    if given is None:
        saved = form_save(form, lambda: feedback_give(deliverable=deliverable, actor=ctx.user, **form.cleaned_data))
        if saved is not None:
            messages.success(request, f"Feedback sent: {deliverable.contractor.name} sees the ratings and comment.")
            return redirect("feedback:owed", ctx.organization.slug)
    elif form.is_bound:
        form.add_error(None, FEEDBACK_GIVEN)
    context = {"ctx": ctx, "deliverable": deliverable, "form": form, "given": given}
    return form_page(request, "oversight/feedback/give.html", context)


@contractor_view()
def portal_feedback(request, contractor: Contractor):
    received = selectors.feedback_list_for_contractor(contractor=contractor)
    context = {
        "portal": True,
        "contractor": contractor,
        "page": CappedPaginator(received, PAGE_SIZE).get_page(request.GET.get("page")),
        "to_rate": list(selectors.organization_rating_due_for_contractor(contractor=contractor)[:10]),
    }
    return render(request, "oversight/feedback/portal.html", context)


@contractor_view(methods=("GET", "POST"))
def portal_rate(request, contractor: Contractor, task_id: int):
    task = access_task_for_contractor(contractor, task_id)
    rated = OrganizationRating.objects.filter(task=task, contractor=contractor).exists()
    form = OrganizationRatingForm(post_data(request))
    if not rated and not organization_ratable(task):
        messages.error(request, NOT_FINISHED)
        return redirect("feedback-portal:list")
    if rated:
        if form.is_bound:
            form.add_error(None, RATED)
    elif form_save(form, lambda: organization_rate(task=task, contractor=contractor, **form.cleaned_data)):
        messages.success(request, f"Thank you: {task.organization.name} sees only averages of three or more ratings.")
        return redirect("feedback-portal:list")
    context = {"portal": True, "contractor": contractor, "task": task, "form": form, "rated": rated}
    return form_page(request, "oversight/feedback/rate.html", context)
