"""Interview pages: the list, scheduling (from a contractor or a job's bid), the interview with its
scorecards, moving, cancelling and marking it done. Every write is one service call."""

from datetime import date, time, timedelta

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import format_html

from outsourcer.accounts.access import OrgContext
from outsourcer.accounts.decorators import org_view
from outsourcer.accounts.own_work import access_not_own_work, is_own_work
from outsourcer.budgets.page_selectors import contractor_choices_for_organization
from outsourcer.contractors.access import access_engagement
from outsourcer.contractors.decorators import contractor_view
from outsourcer.contractors.models import Contractor
from outsourcer.hiring import selectors, services
from outsourcer.hiring.access import access_bid, access_interview, access_job
from outsourcer.hiring.forms.interviews import (
    InterviewFilterForm,
    InterviewForm,
    ScheduleFields,
    ScorecardForm,
    aware_moment,
)
from outsourcer.hiring.models import Interview, InterviewStatus
from outsourcer.hiring.services.interview_notices import outside_hours_warning
from outsourcer.lib.errors import DomainError, OverrideRequired
from outsourcer.lib.forms import post_data
from outsourcer.lib.pagination import CappedPaginator
from outsourcer.lib.timezones import paired_time_text, working_window_misses

PAGE_SIZE = 25


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@org_view("job.view")
def interview_list(request, ctx: OrgContext):
    organization = ctx.organization
    form = InterviewFilterForm(
        request.GET,
        contractors=contractor_choices_for_organization(organization=organization),
        jobs=selectors.job_choices_for_interviews(organization=organization),
    )
    filters = form.filters()
    interviews = selectors.interview_list_for_organization(organization=organization, **filters)
    page = CappedPaginator(interviews, PAGE_SIZE).get_page(request.GET.get("page"))
    zone = timezone.get_current_timezone_name()
    for interview in page.object_list:
        contractor = interview.contractor
        interview.time_text = paired_time_text(interview.starts_at, zone, contractor.time_zone, contractor.name)
    context = {
        "ctx": ctx,
        "form": form,
        "is_filtered": any(v is not None for v in filters.values()),
        "page": page,
        "may_manage": ctx.may("interview.manage"),
        "viewer_zone": timezone.get_current_timezone_name(),
    }
    template = (
        "hiring/interviews/list.html#results" if request.headers.get("HX-Request") else "hiring/interviews/list.html"
    )
    return render(request, template, context)


def _warning(exc: OverrideRequired) -> dict:
    return {"message": exc.message, "details": exc.details}


def _schedule_page(request, ctx: OrgContext, form, *, interview: Interview | None, warning=None, status=200):
    context = {
        "ctx": ctx,
        "form": form,
        "interview": interview,
        "warning": warning,
        "title": "Move the interview" if interview else "Schedule an interview",
    }
    return render(request, "hiring/interviews/form.html", context, status=status)


def _new_initial(request, ctx: OrgContext) -> dict:
    """What a new interview starts with: the contractor (and job) of the bid or engagement named
    in the link, and the person scheduling as its interviewer."""
    initial: dict = {"interviewers": [ctx.user.pk], "duration_minutes": 45}
    bid_id, engagement_id, job_id = (_int(request.GET.get(name)) for name in ("bid", "engagement", "job"))
    if bid_id:
        bid = access_bid(ctx, bid_id)
        initial.update(engagement=bid.engagement_id, job=bid.job_id)
    if engagement_id:
        initial["engagement"] = access_engagement(ctx, engagement_id).pk
    if job_id:
        initial["job"] = access_job(ctx, job_id).pk
    return initial


@org_view("interview.manage", methods=("GET", "POST"))
def interview_create(request, ctx: OrgContext):
    organization = ctx.organization
    form = InterviewForm(
        post_data(request),
        initial=_new_initial(request, ctx) if request.method == "GET" else None,
        engagements=selectors.engagement_choices_for_interviews(organization=organization),
        jobs=selectors.job_choices_for_interviews(organization=organization),
        interviewers=selectors.interviewer_choices(organization=organization),
        zone_name=timezone.get_current_timezone_name(),
    )
    if not (form.is_bound and form.is_valid()):
        return _schedule_page(request, ctx, form, interview=None, status=400 if form.is_bound else 200)
    data = form.cleaned_data
    try:
        interview = services.interview_schedule(
            organization=organization,
            actor=ctx.user,
            engagement=access_engagement(ctx, data["engagement"]),
            job=access_job(ctx, data["job"]) if data.get("job") else None,
            interviewers=selectors.interviewer_users(organization=organization, user_ids=data["interviewers"]),
            **form.schedule(),
        )
    except OverrideRequired as exc:
        return _schedule_page(request, ctx, form, interview=None, warning=_warning(exc), status=409)
    except DomainError as exc:
        form.apply_service_error(exc)
        return _schedule_page(request, ctx, form, interview=None, status=400)
    messages.success(
        request, f"Interview with {interview.contractor.name} scheduled; the invitations are on their way."
    )
    return redirect("hiring:interview-detail", organization.slug, interview.pk)


def _detail_context(ctx: OrgContext, interview: Interview, *, scorecard_form=None) -> dict:
    scorecards = selectors.scorecard_list_for_interview(interview=interview)
    mine = next((card for card in scorecards if card.interviewer_id == ctx.user.pk), None)
    interviewers = list(interview.interviewers.all())
    contractor = interview.contractor
    may_score = (
        ctx.may("scorecard.submit")
        and any(person.pk == ctx.user.pk for person in interviewers)
        and not is_own_work(ctx, contractor)
        and interview.status != InterviewStatus.CANCELLED
        and interview.starts_at <= timezone.now()
    )
    return {
        "ctx": ctx,
        "interview": interview,
        "contractor": contractor,
        "interviewers": interviewers,
        "scorecards": scorecards,
        "averages": selectors.scorecard_averages(scorecards),
        "my_scorecard": mine,
        "scorecard_form": scorecard_form or ScorecardForm(initial=ScorecardForm.initial_for(mine)),
        "may_score": may_score,
        "may_manage": ctx.may("interview.manage"),
        "is_scheduled": interview.status == InterviewStatus.SCHEDULED,
        "has_started": interview.starts_at <= timezone.now(),
        "their_time": paired_time_text(
            interview.starts_at, timezone.get_current_timezone_name(), contractor.time_zone, contractor.name
        ),
        "org_time": paired_time_text(
            interview.starts_at, timezone.get_current_timezone_name(), ctx.organization.time_zone, ctx.organization.name
        )
        if ctx.organization.time_zone != timezone.get_current_timezone_name()
        else "",
    }


@org_view("job.view")
def interview_detail(request, ctx: OrgContext, interview_id: int):
    interview = access_interview(ctx, interview_id)
    return render(request, "hiring/interviews/detail.html", _detail_context(ctx, interview))


@org_view("interview.manage", methods=("GET", "POST"))
def interview_reschedule(request, ctx: OrgContext, interview_id: int):
    interview = access_interview(ctx, interview_id)
    organization = ctx.organization
    if interview.status != InterviewStatus.SCHEDULED:
        messages.error(request, f"This interview is {interview.get_status_display().lower()}; it cannot be moved.")
        return redirect("hiring:interview-detail", organization.slug, interview.pk)
    form = ScheduleFields(
        post_data(request),
        initial=ScheduleFields.initial_for(interview),
        interviewers=selectors.interviewer_choices(organization=organization),
        zone_name=timezone.get_current_timezone_name(),
    )
    if not (form.is_bound and form.is_valid()):
        return _schedule_page(request, ctx, form, interview=interview, status=400 if form.is_bound else 200)
    try:
        services.interview_reschedule(
            interview=interview,
            actor=ctx.user,
            interviewers=selectors.interviewer_users(
                organization=organization, user_ids=form.cleaned_data["interviewers"]
            ),
            **form.schedule(),
        )
    except OverrideRequired as exc:
        return _schedule_page(request, ctx, form, interview=interview, warning=_warning(exc), status=409)
    except DomainError as exc:
        form.apply_service_error(exc)
        return _schedule_page(request, ctx, form, interview=interview, status=400)
    messages.success(request, "Interview moved; everyone invited gets the new time.")
    return redirect("hiring:interview-detail", organization.slug, interview.pk)


def _close(request, ctx: OrgContext, interview_id: int, service, done: str):
    interview = access_interview(ctx, interview_id)
    try:
        service(interview=interview, actor=ctx.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("hiring:interview-detail", ctx.organization.slug, interview.pk)


@org_view("interview.manage", methods=("POST",))
def interview_cancel(request, ctx: OrgContext, interview_id: int):
    return _close(
        request, ctx, interview_id, services.interview_cancel, "Interview cancelled; everyone invited is told."
    )


@org_view("interview.manage", methods=("POST",))
def interview_complete(request, ctx: OrgContext, interview_id: int):
    return _close(request, ctx, interview_id, services.interview_complete, "Interview marked done.")


@org_view("scorecard.submit", methods=("POST",))
def scorecard_submit(request, ctx: OrgContext, interview_id: int):
    interview = access_interview(ctx, interview_id)
    access_not_own_work(ctx, interview.contractor)
    form = ScorecardForm(request.POST)
    if form.is_valid():
        try:
            services.scorecard_submit(interview=interview, actor=ctx.user, **form.cleaned_data)
        except DomainError as exc:
            if not getattr(exc, "errors", None):
                messages.error(request, exc.message)
                return redirect("hiring:interview-detail", ctx.organization.slug, interview.pk)
            form.apply_service_error(exc)
        else:
            messages.success(request, "Your scorecard is saved.")
            return redirect("hiring:interview-detail", ctx.organization.slug, interview.pk)
    context = _detail_context(ctx, interview, scorecard_form=form)
    return render(request, "hiring/interviews/detail.html", context, status=400)


@contractor_view()
def portal_interview_list(request, contractor: Contractor):
    """The contractor's interviews across organizations, in their zone: the schedule, never scores."""
    page = CappedPaginator(selectors.interview_list_for_contractor(contractor=contractor), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for interview in page.object_list:
        organization = interview.organization
        interview.time_text = paired_time_text(
            interview.starts_at, contractor.time_zone, organization.time_zone, organization.name
        )
    context = {"portal": True, "contractor": contractor, "page": page, "now": timezone.now()}
    return render(request, "hiring/interviews/portal_list.html", context)


def _preview_interview(request, ctx: OrgContext) -> Interview | None:
    """The interview the schedule form describes so far (a moved one, or a new one with the chosen
    contractor), or None while something is missing or not this organization's."""
    try:
        interview_id, engagement_id = (int(request.GET.get(name) or 0) for name in ("interview", "engagement"))
        minutes = int(request.GET.get("duration_minutes") or 45)
        day = date.fromisoformat(request.GET.get("day", ""))
        clock = time.fromisoformat(request.GET.get("time", ""))
        if interview_id:
            contractor = access_interview(ctx, interview_id).contractor
        elif engagement_id:
            contractor = access_engagement(ctx, engagement_id).contractor
        else:
            return None
    except (ValueError, Http404):
        return None
    starts_at = aware_moment(day, clock, timezone.get_current_timezone())
    if starts_at is None or not 0 < minutes <= 24 * 60:
        return None
    return Interview(contractor=contractor, starts_at=starts_at, duration_minutes=minutes)


@org_view("interview.manage")
def interview_time_preview(request, ctx: OrgContext):
    """The htmx line under the schedule form: the chosen time in the contractor's zone and, before
    anything is saved, whether it falls outside their working hours."""
    interview = _preview_interview(request, ctx)
    if interview is None:
        return HttpResponse("")
    contractor = interview.contractor
    zone = timezone.get_current_timezone_name()
    html = format_html(
        '<span class="their-time">{}</span>',
        paired_time_text(interview.starts_at, zone, contractor.time_zone, contractor.name),
    )
    ends_at = interview.starts_at + timedelta(minutes=interview.duration_minutes)
    if working_window_misses(interview.starts_at, ends_at, contractor.time_zone, contractor.working_hours):
        html += format_html(
            '<span class="flash flash-warning hours-warning">{}</span>', outside_hours_warning(interview).message
        )
    return HttpResponse(html)
