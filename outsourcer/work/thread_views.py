"""A task's thread on the organization's task page and on the contractor's: post a message (htmx
swaps the thread in place; without JS the post redirects back), mark the other side's messages
read, download an attachment (only the thread's parties, as an attachment, no sniffing). The
thread's context for the two task pages comes from `thread_context`."""

from django.contrib import messages as flash
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from outsourcer.accounts.access import OrgContext
from outsourcer.accounts.decorators import org_view
from outsourcer.contractors.decorators import contractor_view
from outsourcer.contractors.models import Contractor
from outsourcer.lib.forms import form_save
from outsourcer.messaging import selectors
from outsourcer.messaging.forms import MessageForm
from outsourcer.messaging.views import arrival, attachment_response
from outsourcer.work import services
from outsourcer.work.access import access_task, access_task_for_contractor
from outsourcer.work.models import Task
from outsourcer.work.portal_views import portal_task_page
from outsourcer.work.selectors_threads import task_thread_key
from outsourcer.work.thread_page import thread_context
from outsourcer.work.views import task_page

TEMPLATE = "work/threads/thread.html"


def _detail_url(task: Task, by_contractor: bool) -> str:
    if by_contractor:
        return reverse("tasks-portal:detail", kwargs={"task_id": task.pk}) + "#thread"
    return reverse("tasks:detail", kwargs={"org_slug": task.organization.slug, "task_id": task.pk}) + "#thread"


def _post(request, task: Task, actor, *, by_contractor: bool, page):
    form = MessageForm(request.POST, request.FILES, for_contractor=by_contractor)
    message = form_save(
        form,
        lambda: services.message_post(task=task, actor=actor, from_contractor=by_contractor, **form.post_kwargs()),
    )
    htmx = bool(request.headers.get("HX-Request"))
    if message is not None and not htmx:
        if not by_contractor and message.deliver_at > timezone.now():
            flash.success(request, f"Message sent: it {arrival(message, task.contractor, timezone.now())}.")
        return redirect(_detail_url(task, by_contractor))
    context = thread_context(task, by_contractor=by_contractor, form=None if message else form, posted=message)
    if htmx:
        # htmx swaps only 2xx answers: a refused message comes back as the thread with its errors.
        return render(request, TEMPLATE, context)
    return page(form)


@org_view("task.manage", methods=("POST",))
def task_messages_post(request, ctx: OrgContext, task_id: int):
    task = access_task(ctx, task_id)
    page = lambda form: task_page(request, ctx, task, forms={"thread": form}, status=400)  # noqa: E731
    return _post(request, task, ctx.user, by_contractor=False, page=page)


@org_view("task.view", methods=("POST",))
def task_messages_read(request, ctx: OrgContext, task_id: int):
    task = access_task(ctx, task_id)
    services.thread_mark_read(task=task, by_contractor=False)
    if request.headers.get("HX-Request"):
        return render(request, TEMPLATE, thread_context(task, by_contractor=False))
    return redirect(_detail_url(task, False))


@org_view("task.view")
def task_message_attachment(request, ctx: OrgContext, task_id: int, message_id: int):
    task = access_task(ctx, task_id)
    return attachment_response(
        selectors.thread_message_for_organization(key=task_thread_key(task), message_id=message_id)
    )


@contractor_view(methods=("POST",))
def portal_task_messages_post(request, contractor: Contractor, task_id: int):
    task = access_task_for_contractor(contractor, task_id)
    page = lambda form: portal_task_page(request, contractor, task, forms={"thread": form}, status=400)  # noqa: E731
    return _post(request, task, contractor.user, by_contractor=True, page=page)


@contractor_view(methods=("POST",))
def portal_task_messages_read(request, contractor: Contractor, task_id: int):
    task = access_task_for_contractor(contractor, task_id)
    services.thread_mark_read(task=task, by_contractor=True)
    if request.headers.get("HX-Request"):
        return render(request, TEMPLATE, thread_context(task, by_contractor=True))
    return redirect(_detail_url(task, True))


@contractor_view()
def portal_task_message_attachment(request, contractor: Contractor, task_id: int, message_id: int):
    task = access_task_for_contractor(contractor, task_id)
    return attachment_response(
        selectors.thread_message_for_contractor(key=task_thread_key(task), message_id=message_id)
    )
