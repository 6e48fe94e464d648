"""Access-matrix rows for utilization and the consolidation advisor: every member reads, contractors'
portal tokens get 404 like every organization endpoint; by contractor id, Oscar's organization
does not engage Carol (404)."""

from tests.access_matrix import ORG_READ, Row, expect

API_LIST = expect(401, 200, 200, 200, 404, 404, 200)
API_READ = expect(401, 200, 200, 200, 404, 404, 404)


def _carol(p) -> dict:
    return {"contractor_id": p.carol_contractor.pk}


ROWS = [
    Row("utilization:page", ORG_READ, kwargs=lambda p: {"org_slug": p.org.slug}),
    Row("utilization:consolidation", ORG_READ, kwargs=lambda p: {"org_slug": p.org.slug}),
    Row("/api/v1/utilization", API_LIST, api=True),
    Row("/api/v1/utilization/consolidation", API_LIST, api=True),
    Row("/api/v1/utilization/contractors/{contractor_id}", API_READ, api=True, kwargs=_carol),
]
