import json

from django.shortcuts import render
from django.utils import timezone

from outsourcer.accounts.access import OrgContext
from outsourcer.accounts.decorators import org_view
from outsourcer.audit import selectors
from outsourcer.audit.actions import event_sentence, object_label
from outsourcer.audit.forms import ActivityFilterForm
from outsourcer.lib.csv_files import csv_response, csv_safe
from outsourcer.lib.pagination import CappedPaginator

PAGE_SIZE = 25


def _filtered(request, ctx: OrgContext):
    form = ActivityFilterForm.from_query(request.GET)
    filters = form.filters()
    actors, actions = selectors.event_filter_choices_for_organization(
        organization=ctx.organization,
        since=filters.since,
        until=filters.until,
        actor_id=filters.actor_id,
        action=filters.action,
    )
    form.set_choices(actors=actors, actions=actions)
    return form, filters, selectors.event_list_for_organization(organization=ctx.organization, filters=filters)


@org_view("activity.view")
def activity(request, ctx: OrgContext):
    form, filters, events = _filtered(request, ctx)
    page = CappedPaginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "audit/activity.html#results" if request.headers.get("HX-Request") else "audit/activity.html"
    return render(request, template, {"ctx": ctx, "form": form, "filters": filters, "page": page})


@org_view("activity.view")
def activity_export(request, ctx: OrgContext):
    _, _, events = _filtered(request, ctx)
    # The rows are produced after the view returns: fix the viewer's zone now.
    zone = timezone.get_current_timezone()

    def rows():
        yield ["time", "who", "action", "what", "object", "object id", "before", "after", "reason"]
        for event in events.iterator(chunk_size=1000):
            yield (
                csv_safe(value)
                for value in (
                    event.created_at.astimezone(zone).isoformat(timespec="seconds"),
                    event.actor.email if event.actor else "system",
                    event.action,
                    event_sentence(event),
                    f"{object_label(event.object_type)}: {event.object_repr}" if event.object_type else "",
                    event.object_key,
                    json.dumps(event.before, ensure_ascii=False) if event.before else "",
                    json.dumps(event.after, ensure_ascii=False) if event.after else "",
                    event.reason,
                )
            )

    filename = f"{ctx.organization.slug}-activity-{timezone.localdate().isoformat()}.csv"
    return csv_response(rows(), filename=filename, bom=False)
