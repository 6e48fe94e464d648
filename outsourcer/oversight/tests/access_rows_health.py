"""Access-matrix rows for the Outsourcing Health Check: every member reads (it changes nothing);
contractors' portal tokens get 404 like every organization endpoint; Oscar's token reads his own
organization's check."""

from tests.access_matrix import ORG_READ, Row, expect

API_OWN_ORG = expect(401, 200, 200, 200, 404, 404, 200)

ROWS = [
    Row("health:page", ORG_READ, kwargs=lambda p: {"org_slug": p.org.slug}),
    Row("/api/v1/health", API_OWN_ORG, api=True),
    Row("/api/v1/health/history", API_OWN_ORG, api=True),
]
