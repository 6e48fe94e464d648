"""Who is calling the API, and in which scope.

Two ways in: a personal token (`Authorization: Bearer osr_…`) scoped to one organization or to the
contractor portal, or the browser session of a signed-in user (CSRF-checked) whose scope is the
organization they last opened (`accounts.decorators.current_org_slug`, "" for the portal).

Domain routers never read the token themselves: they ask `org_context(request, action)` or
`contractor_context(request)`, which re-read the membership on every call (a removed member's
token stops working at once).
"""

from django.conf import settings
from django.http import Http404, HttpRequest
from ninja.security import APIKeyCookie, HttpBearer

from outsourcer.accounts.access import OrgContext, access_organization, access_organization_by_id
from outsourcer.accounts.decorators import current_org_slug
from outsourcer.accounts.models import ApiToken, User
from outsourcer.accounts.services import api_token_authenticate
from outsourcer.contractors.access import access_own_contractor
from outsourcer.contractors.models import Contractor


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        api_token = api_token_authenticate(token)
        if api_token is None:
            return None
        request.api_token = api_token
        request.user = api_token.user
        return api_token.user


class SessionAuth(APIKeyCookie):
    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        # The CSRF check only matters for a signed-in browser; a request with no session at all
        # must answer 401 (not "CSRF failed"), so clients learn that credentials are missing.
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        if not request.user.is_authenticated:
            return None
        request.api_token = None
        return request.user


API_AUTH = [TokenAuth(), SessionAuth()]


def caller_token(request: HttpRequest) -> ApiToken | None:
    """The token the request authenticated with, or None for a browser session."""
    return getattr(request, "api_token", None)


def org_context(request: HttpRequest, action: str) -> OrgContext:
    """The caller's organization scope for `action`: 404 when the caller has none (a portal token,
    a session without a current organization, a membership that ended), 403 when the role may not."""
    user = request.auth
    token = caller_token(request)
    if token is not None:
        if token.organization_id is None:
            raise Http404
        ctx = access_organization_by_id(user, token.organization_id, action=action)
    else:
        slug = current_org_slug(request) or ""
        if not slug:
            raise Http404
        ctx = access_organization(user, slug, action=action)
    # Output schemas read it to leave out what the role may not see (as templates do).
    request.org_ctx = ctx
    return ctx


def contractor_context(request: HttpRequest) -> Contractor:
    """The caller's own contractor profile; 404 for organization tokens and non-contractors."""
    token = caller_token(request)
    if token is not None and token.organization_id is not None:
        raise Http404
    contractor = access_own_contractor(request.auth)
    if contractor is None:
        raise Http404
    return contractor
