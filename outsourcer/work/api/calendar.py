"""The caller's calendar feed token (mounted at /calendar): its state, a new secret address
(creating the feed or replacing its address; the old one stops working), and turning it off."""

from datetime import datetime

from django.conf import settings
from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Router, Schema
from ninja.responses import Status

from outsourcer.api.errors import with_errors
from outsourcer.work import services
from outsourcer.work.models import CalendarFeed

feed_router = Router(tags=["calendar"])


class FeedTokenOut(Schema):
    active: bool
    created_at: datetime | None = None
    rotated_at: datetime | None = None


class FeedTokenCreatedOut(FeedTokenOut):
    url: str


def _state(feed: CalendarFeed | None) -> dict:
    if feed is None:
        return {"active": False}
    return {"active": True, "created_at": feed.created_at, "rotated_at": feed.rotated_at}


@feed_router.get("/feed-token", operation_id="calendar_feed_token_get", response=with_errors({200: FeedTokenOut}))
def calendar_feed_token_get(request: HttpRequest):
    """Whether the caller has a calendar feed; its address is shown only when made."""
    return _state(CalendarFeed.objects.filter(user=request.auth).first())


@feed_router.post(
    "/feed-token",
    operation_id="calendar_feed_token_create",
    response=with_errors({201: FeedTokenCreatedOut}, write=True),
)
def calendar_feed_token_create(request: HttpRequest):
    """A new secret feed address, returned this once; an address made before stops working."""
    feed, raw = services.calendar_feed_create(user=request.auth)
    return Status(201, {**_state(feed), "url": settings.SITE_URL + reverse("calendar:feed", args=[raw])})


@feed_router.delete(
    "/feed-token", operation_id="calendar_feed_token_delete", response=with_errors({204: None}, write=True)
)
def calendar_feed_token_delete(request: HttpRequest):
    """Turn the feed off (404 when there is none): its address answers 404 from now on."""
    feed = CalendarFeed.objects.filter(user=request.auth).first()
    if feed is None:
        raise Http404
    services.calendar_feed_revoke(feed=feed, actor=request.auth)
    return Status(204, None)
