"""Access-matrix rows for the calendar: the feed's secret address (no session: the secret is the
credential, so every column gets the same answer), the page and API that make, replace and turn
it off (each user their own), the organization's timeline and the contractor's week."""

from outsourcer.work import services
from tests.access_matrix import COLUMNS, ORG_READ, PORTAL_READ, Row, expect

EVERY_USER_READ = expect(302, 200, 200, 200, 200, 200, 200)
EVERY_USER_POST = expect(302, 302, 302, 302, 302, 302, 302)
EVERY_USER_FORM = expect(302, 200, 200, 200, 200, 200, 200)
SECRET_DECIDES_OK = expect(200, 200, 200, 200, 200, 200, 200)
SECRET_DECIDES_NO = expect(404, 404, 404, 404, 404, 404, 404)
API_EVERY_USER = expect(401, 200, 200, 200, 200, 200, 200)
API_EVERY_USER_CREATE = expect(401, 201, 201, 201, 201, 201, 201)
API_EVERY_USER_DELETE = expect(401, 204, 204, 204, 204, 204, 204)
SIGNED_IN = tuple(column for column in COLUMNS if column != "anonymous")


def _every_feed(p) -> dict:
    # Each persona has a feed to turn off (the matrix rolls back after every request).
    for user in (p.alice, p.bob, p.vera, p.carol, p.dan, p.oscar):
        services.calendar_feed_create(user=user)
    return {}


def _carols_secret(p) -> dict:
    return {"secret": services.calendar_feed_create(user=p.carol)[1]}


def _revoked_secret(p) -> dict:
    feed, raw = services.calendar_feed_create(user=p.carol)
    services.calendar_feed_revoke(feed=feed, actor=p.carol)
    return {"secret": raw}


ROWS = [
    Row("calendar:feed", SECRET_DECIDES_OK, kwargs=_carols_secret, note="Carol's secret, whoever asks"),
    Row("calendar:feed", SECRET_DECIDES_NO, kwargs=_revoked_secret, note="a revoked secret"),
    Row("calendar:feed", SECRET_DECIDES_NO, kwargs=lambda p: {"secret": "cal_unknown"}, note="an unknown secret"),
    Row("calendar:settings", EVERY_USER_READ),
    Row("calendar:create", EVERY_USER_FORM, method="POST", writers=SIGNED_IN),
    Row("calendar:revoke", EVERY_USER_POST, method="POST", kwargs=_every_feed),
    Row("tasks:timeline", ORG_READ, kwargs=lambda p: {"org_slug": p.org.slug}),
    Row("tasks-portal:week", PORTAL_READ),
    Row("/api/v1/calendar/feed-token", API_EVERY_USER, api=True),
    Row("/api/v1/calendar/feed-token", API_EVERY_USER_CREATE, method="POST", api=True),
    Row("/api/v1/calendar/feed-token", API_EVERY_USER_DELETE, method="DELETE", api=True, kwargs=_every_feed),
]
