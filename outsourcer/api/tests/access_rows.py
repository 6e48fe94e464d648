"""Access-matrix rows for the API foundation operations and the API-token pages.

API columns: members call with a token of their organization (Oscar's is for his own), contractors
with a portal token, anonymous with none (tests/test_access_matrix.py).
"""

from outsourcer.accounts.models import ApiToken
from tests.access_matrix import Row, count, expect

SIGNED_IN = expect(302, 200, 200, 200, 200, 200, 200)
SIGNED_IN_POST = expect(302, 302, 302, 302, 302, 302, 302)

API_ANY_CALLER = expect(401, 200, 200, 200, 200, 200, 200)
# Organization operations: a portal token has no organization scope (404); Oscar's token reads his own.
API_ORG_READ = expect(401, 200, 200, 200, 404, 404, 200)
# The same, on Carol's engagement: Oscar's organization has no such engagement (404).
API_ENGAGEMENT_READ = expect(401, 200, 200, 200, 404, 404, 404)
API_ENGAGEMENT_WRITE = expect(401, 200, 200, 403, 404, 404, 404)
API_PORTAL = expect(401, 404, 404, 404, 200, 200, 404)

CAROL = {"kwargs": lambda p: {"engagement_id": p.carol_engagement.pk}}


def _alices_token(p):
    token = ApiToken.objects.create(user=p.alice, organization=p.org, name="sync", prefix="osr_abcdef", digest="0" * 64)
    return {"token_id": token.pk}


ROWS = [
    # pages
    Row("accounts:tokens", SIGNED_IN),
    Row(
        "accounts:token-create",
        expect(302, 200, 200, 200, 200, 200, 200),
        method="POST",
        data=lambda p: {"name": "Spreadsheet", "scope": f"org:{p.org.pk}"},
        note="shows the new token, or the form with errors for a scope that is not theirs",
        wrote=count(ApiToken),
        writers=("alice", "bob", "vera"),
    ),
    Row(
        "accounts:token-revoke",
        expect(302, 302, 404, 404, 404, 404, 404),
        method="POST",
        kwargs=_alices_token,
        wrote=count(ApiToken, revoked_at__isnull=False),
    ),
    # API operations
    Row("/api/v1/me", API_ANY_CALLER, api=True),
    Row("/api/v1/organizations", API_ANY_CALLER, api=True),
    Row("/api/v1/members", API_ORG_READ, api=True),
    Row("/api/v1/contractors", API_ORG_READ, api=True),
    Row(
        "/api/v1/contractors",
        expect(401, 201, 201, 403, 404, 404, 201),
        method="POST",
        api=True,
        data=lambda p: {"name": "Pia Prospect", "email": "pia@example.com"},
    ),
    Row("/api/v1/contractors/{engagement_id}", API_ENGAGEMENT_READ, api=True, **CAROL),
    Row(
        "/api/v1/contractors/{engagement_id}",
        expect(401, 404, 404, 404, 404, 404, 200),
        api=True,
        kwargs=lambda p: {"engagement_id": p.dan_engagement.pk},
        note="Oscar's engagement",
    ),
    Row(
        "/api/v1/contractors/{engagement_id}",
        API_ENGAGEMENT_WRITE,
        method="PATCH",
        api=True,
        data=lambda p: {"notes": "Prefers mornings.", "engagement_capacity_minutes": 300},
        **CAROL,
    ),
    Row(
        "/api/v1/contractors/{engagement_id}/status",
        API_ENGAGEMENT_WRITE,
        method="POST",
        api=True,
        data=lambda p: {"status": "paused"},
        **CAROL,
    ),
    Row("/api/v1/portal/profile", API_PORTAL, api=True),
    Row(
        "/api/v1/portal/profile",
        API_PORTAL,
        method="PATCH",
        api=True,
        data=lambda p: {"weekly_capacity_minutes": 1200, "time_zone": "Europe/Lisbon"},
    ),
]
