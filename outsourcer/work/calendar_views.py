"""The calendar pages: the secret iCalendar feed (no session: the secret in the address is the
credential), the page that creates, replaces or turns off that address, an organization's
timeline of tasks and milestones, and a contractor's week across their clients."""

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from outsourcer.accounts.access import OrgContext
from outsourcer.accounts.decorators import org_view
from outsourcer.contractors.decorators import contractor_view
from outsourcer.contractors.models import Contractor
from outsourcer.lib.calendar_files import CONTENT_TYPE, calendar_bytes
from outsourcer.lib.timezones import today_in
from outsourcer.work import services
from outsourcer.work.feed import calendar_feed_for_secret, feed_event_list, feed_viewer
from outsourcer.work.models import CalendarFeed
from outsourcer.work.timeline import DEFAULT_WEEKS, MAX_WEEKS, organization_timeline
from outsourcer.work.week import contractor_week, week_monday

FEED_NAME = "Outsourcer"
# The dates a week or a timeline may start on: wide enough for any plan, narrow enough that the
# arithmetic never leaves the calendar.
EARLIEST, LATEST = date(2000, 1, 3), date(2099, 12, 28)


def _chosen_monday(value: str | None, default: date) -> date:
    try:
        day = date.fromisoformat(value or "")
    except ValueError:
        day = default
    return week_monday(min(max(day, EARLIEST), LATEST))


def _chosen_weeks(value: str | None) -> int:
    return int(value) if value and value.isdigit() and 1 <= int(value) <= MAX_WEEKS else DEFAULT_WEEKS


@require_GET
def calendar_feed(request, secret: str):
    feed = calendar_feed_for_secret(secret)
    if feed is None:
        raise Http404
    viewer = feed_viewer(user=feed.user, now=timezone.now())
    body = calendar_bytes(feed_event_list(viewer=viewer), method=None, name=FEED_NAME)
    response = HttpResponse(body, content_type=f"{CONTENT_TYPE}; charset=utf-8")
    # The address is a secret: shared caches keep nothing, and no one indexes it.
    response["Cache-Control"] = "private, max-age=300"
    response["Content-Disposition"] = 'inline; filename="outsourcer.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response


def _settings_page(request, *, new_url: str = ""):
    feed = CalendarFeed.objects.filter(user=request.user).first()
    # webcal:// asks the system's calendar app to subscribe (the same address, another scheme).
    webcal_url = "webcal://" + new_url.split("://", 1)[-1] if new_url else ""
    context = {"feed": feed, "new_url": new_url, "webcal_url": webcal_url}
    return render(request, "work/calendar/feed.html", context)


@login_required
@require_GET
def calendar_feed_settings(request):
    return _settings_page(request)


@never_cache
@login_required
@require_POST
def calendar_feed_create(request):
    _, raw = services.calendar_feed_create(user=request.user)
    # The secret exists only in this response: it is not stored, so it cannot be shown again.
    return _settings_page(request, new_url=settings.SITE_URL + reverse("calendar:feed", args=[raw]))


@login_required
@require_POST
def calendar_feed_revoke(request):
    feed = CalendarFeed.objects.filter(user=request.user).first()
    if feed is None:
        raise Http404
    services.calendar_feed_revoke(feed=feed, actor=request.user)
    messages.success(request, "Your calendar feed is off: calendars subscribed to its address no longer update.")
    return redirect("calendar:settings")


@org_view("task.view")
def task_timeline(request, ctx: OrgContext):
    today = today_in(ctx.organization.time_zone)
    timeline = organization_timeline(
        organization=ctx.organization,
        monday=_chosen_monday(request.GET.get("start"), today),
        weeks=_chosen_weeks(request.GET.get("weeks")),
        now=timezone.now(),
    )
    return render(request, "work/calendar/timeline.html", {"ctx": ctx, "timeline": timeline})


@contractor_view()
def portal_task_week(request, contractor: Contractor):
    monday = _chosen_monday(request.GET.get("week"), today_in(contractor.time_zone))
    week = contractor_week(contractor=contractor, monday=monday, now=timezone.now())
    this_week = week_monday(today_in(contractor.time_zone))
    context = {"portal": True, "contractor": contractor, "week": week, "this_week": this_week}
    return render(request, "work/calendar/week.html", context)
