from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from outsourcer.accounts.access import access_organization

# The organization the caller last opened ("" for the contractor portal) lives in a signed cookie,
# not in the session: the session is a database row, and opening a page must not write to the
# database (docs/performance.md). The cookie only picks where `/` and the session-authenticated API
# go; every use re-checks the membership. It names its user, so the next person to sign in on the
# same browser does not inherit it.
_CURRENT_ORG_SALT = "outsourcer.current-org"


def _current_org_cookie() -> str:
    # Same prefix as the session cookie: `__Host-` in production (secure, path /, no domain).
    return "__Host-current_org" if settings.SESSION_COOKIE_NAME.startswith("__Host-") else "current_org"


def current_org_slug(request: HttpRequest) -> str | None:
    """The slug of the organization the caller last opened, "" for the portal, None when unknown
    (no cookie, one that was not signed by this server, or one of another user). The nav asks up
    to four times a page: the cookie's signature is checked once per request."""
    value = request.__dict__.get("_current_org_cookie_value", _UNREAD)
    if value is _UNREAD:
        value = request.get_signed_cookie(_current_org_cookie(), default=None, salt=_CURRENT_ORG_SALT)
        request._current_org_cookie_value = value
    user_id, _, slug = (value or "").partition(":")
    return slug if value and user_id == str(request.user.pk) else None


_UNREAD = object()


def remember_current_org(request: HttpRequest, response: HttpResponse, slug: str) -> HttpResponse:
    """Set the current organization on `response` when it changed ("" for the portal), unless the
    view already set or deleted it (leaving an organization forgets it)."""
    if current_org_slug(request) != slug and _current_org_cookie() not in response.cookies:
        response.set_signed_cookie(
            _current_org_cookie(),
            f"{request.user.pk}:{slug}",
            salt=_CURRENT_ORG_SALT,
            max_age=settings.SESSION_COOKIE_AGE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    return response


def forget_current_org(response: HttpResponse) -> HttpResponse:
    response.delete_cookie(_current_org_cookie(), samesite="Lax")
    return response


def org_view(action: str, *, methods: tuple[str, ...] = ("GET",)) -> Callable:
    """View decorator for `/o/<org_slug>/…` pages: login → allowed method (else 405) →
    membership (else 404) → role may `action` (else 403). Passes the OrgContext as `ctx`, and
    remembers the organization as the caller's current one."""

    def decorator(view: Callable) -> Callable:
        @login_required
        @require_http_methods(list(methods))
        @wraps(view)
        def wrapper(request, org_slug: str, *args, **kwargs):
            ctx = access_organization(request.user, org_slug, action=action)
            request.org_ctx = ctx
            return remember_current_org(request, view(request, ctx, *args, **kwargs), ctx.organization.slug)

        return wrapper

    return decorator
