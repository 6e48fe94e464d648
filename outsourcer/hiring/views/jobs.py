"""The organization's job pages: the list, the brief's form, the job with its status actions,
invitations, share link and bids. Every write is one service call."""

from django.contrib import messages
from django.shortcuts import redirect, render

from outsourcer.accounts.access import OrgContext
from outsourcer.accounts.decorators import org_view
from outsourcer.budgets.access import access_budget
from outsourcer.budgets.models import Budget
from outsourcer.hiring import selectors, services
from outsourcer.hiring.access import access_job
from outsourcer.hiring.flows import JOB_FLOW
from outsourcer.hiring.forms.jobs import InviteForm, JobFilterForm, JobForm, JobStatusForm, ShareForm
from outsourcer.hiring.models import BidStatus, Job, JobStatus
from outsourcer.lib.errors import DomainError
from outsourcer.lib.forms import post_data
from outsourcer.lib.pagination import CappedPaginator
from outsourcer.similar.page import similar_context

PAGE_SIZE = 25
EDITABLE = (JobStatus.DRAFT, JobStatus.OPEN)
STATUS_DONE = {
    JobStatus.OPEN: "“{title}” is open for bids.",
    JobStatus.CLOSED: "“{title}” is closed to new bids.",
    JobStatus.CANCELLED: "“{title}” is cancelled.",
}


@org_view("job.view")
def job_list(request, ctx: OrgContext):
    form = JobFilterForm(request.GET)
    statuses, is_filtered = form.statuses()
    jobs = selectors.job_list_for_organization(organization=ctx.organization, statuses=statuses)
    page = CappedPaginator(jobs, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    for job in page.object_list:
        job.expected = selectors.expected_text(job)
    context = {
        "ctx": ctx,
        "form": form,
        "is_filtered": is_filtered,
        "page": page,
        "may_manage": ctx.may("job.manage"),
    }
    template = "hiring/jobs/list.html#results" if request.headers.get("HX-Request") else "hiring/jobs/list.html"
    return render(request, template, context)


def _budgets(ctx: OrgContext) -> dict[int, tuple[str, str]]:
    rows = Budget.objects.filter(organization=ctx.organization).order_by("name", "pk")
    return {pk: (f"{name} ({currency})", currency) for pk, name, currency in rows.values_list("pk", "name", "currency")}


def _job_form_page(request, ctx: OrgContext, *, job: Job | None):
    budgets = _budgets(ctx)
    if job is None:
        initial = {"budget": next(iter(budgets))} if len(budgets) == 1 else {}
    else:
        initial = JobForm.initial_for(job)
    form = JobForm(post_data(request), initial=initial, budgets=budgets)
    if form.is_bound and form.is_valid():
        budget = access_budget(ctx, form.cleaned_data["budget"])
        brief = {**form.brief(), "duplicate_override_reason": form.cleaned_data["duplicate_override_reason"]}
        try:
            if job is None:
                job = services.job_create(organization=ctx.organization, actor=ctx.user, budget=budget, **brief)
            else:
                job = services.job_update(job=job, actor=ctx.user, budget=budget, **brief)
        except DomainError as exc:
            form.apply_service_error(exc)
        else:
            messages.success(request, f"“{job.title}” saved.")
            return redirect("hiring:job-detail", ctx.organization.slug, job.pk)
    context = {"ctx": ctx, "form": form, "job": job, "no_budgets": not budgets}
    # Similar work found on saving shows under the form, with the reason it asks for.
    if "duplicate_override_reason" in form.errors:
        context |= similar_context(ctx, form, kind="job", exclude=job.pk if job else None)
    return render(request, "hiring/jobs/form.html", context, status=400 if form.errors else 200)


@org_view("job.manage", methods=("POST",))
def job_similar(request, ctx: OrgContext):
    """The htmx partial under the job form: similar work for what is typed now. Saves nothing."""
    job = access_job(ctx, int(request.POST["job"])) if request.POST.get("job", "").isdigit() else None
    form = JobForm(request.POST, budgets=_budgets(ctx))
    form.is_valid()
    context = {"ctx": ctx, **similar_context(ctx, form, kind="job", exclude=job.pk if job else None)}
    return render(request, "hiring/jobs/form.html#similar", context)


@org_view("job.manage", methods=("GET", "POST"))
def job_create(request, ctx: OrgContext):
    return _job_form_page(request, ctx, job=None)


@org_view("job.manage", methods=("GET", "POST"))
def job_edit(request, ctx: OrgContext, job_id: int):
    job = access_job(ctx, job_id)
    if job.status not in EDITABLE:
        messages.error(request, f"“{job.title}” is {job.get_status_display().lower()}; its brief no longer changes.")
        return redirect("hiring:job-detail", ctx.organization.slug, job.pk)
    return _job_form_page(request, ctx, job=job)


def _detail(request, ctx: OrgContext, job: Job, *, invite_form=None, share_form=None, status: int = 200):
    may_manage = ctx.may("job.manage")
    choices = selectors.job_invite_choices(job=job) if may_manage and job.status == JobStatus.OPEN else []
    context = {
        "ctx": ctx,
        "job": job,
        "expected": selectors.expected_text(job),
        "invitations": list(selectors.job_invitation_list_for_job(job=job)),
        "bids": selectors.job_bid_summary(job=job),
        "transitions": [t for t in JOB_FLOW.targets(job.status) if t != JobStatus.AWARDED],
        "may_manage": may_manage,
        "may_interview": ctx.may("interview.manage"),
        "may_award": ctx.may("job.award") and job.status in (JobStatus.OPEN, JobStatus.CLOSED),
        "awardable_bids": (BidStatus.SUBMITTED, BidStatus.ALTERNATE),
        "may_edit": may_manage and job.status in EDITABLE,
        "invite_form": invite_form or InviteForm(choices=choices),
        "share_form": share_form or ShareForm(),
        "share_url": selectors.job_share_url(job) if may_manage else "",
        "share_live": selectors.job_share_is_live(job),
    }
    return render(request, "hiring/jobs/detail.html", context, status=status)


@org_view("job.view")
def job_detail(request, ctx: OrgContext, job_id: int):
    return _detail(request, ctx, access_job(ctx, job_id))


@org_view("job.manage", methods=("POST",))
def job_status(request, ctx: OrgContext, job_id: int):
    job = access_job(ctx, job_id)
    form = JobStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose one of the actions offered.")
        return redirect("hiring:job-detail", ctx.organization.slug, job.pk)
    target = form.cleaned_data["status"]
    try:
        job = services.job_status_change(job=job, actor=ctx.user, status=target)
    except DomainError as exc:
        problems = " ".join(exc.field_errors.values())
        messages.error(request, problems)
    else:
        messages.success(request, STATUS_DONE[target].format(title=job.title))
    return redirect("hiring:job-detail", ctx.organization.slug, job.pk)


@org_view("job.manage", methods=("POST",))
def job_invite(request, ctx: OrgContext, job_id: int):
    job = access_job(ctx, job_id)
    form = InviteForm(request.POST, choices=selectors.job_invite_choices(job=job))
    if form.is_valid():
        try:
            invited = services.job_invite(job=job, actor=ctx.user, engagement_ids=form.cleaned_data["engagements"])
        except DomainError as exc:
            form.apply_service_error(exc)
        else:
            messages.success(request, f"{len(invited)} contractor{'s' if len(invited) != 1 else ''} invited.")
            return redirect("hiring:job-detail", ctx.organization.slug, job.pk)
    return _detail(request, ctx, job, invite_form=form, status=400)


@org_view("job.manage", methods=("POST",))
def job_share(request, ctx: OrgContext, job_id: int):
    job = access_job(ctx, job_id)
    form = ShareForm(request.POST)
    if not form.is_valid():
        return _detail(request, ctx, job, share_form=form, status=400)
    try:
        services.job_share_link_create(job=job, actor=ctx.user, days=form.cleaned_data["days"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Share link ready: copy it below. Any earlier link no longer works.")
    return redirect("hiring:job-detail", ctx.organization.slug, job.pk)


@org_view("job.manage", methods=("POST",))
def job_share_revoke(request, ctx: OrgContext, job_id: int):
    job = access_job(ctx, job_id)
    try:
        services.job_share_link_revoke(job=job, actor=ctx.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Share link revoked: it no longer opens the job.")
    return redirect("hiring:job-detail", ctx.organization.slug, job.pk)
