import zoneinfo

from django.contrib import auth
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from outsourcer.accounts.sessions import SessionStore, loading_user_of


class SessionUserMiddleware(AuthenticationMiddleware):
    """Django's AuthenticationMiddleware whose `request.user` comes from Django's own
    `auth.get_user` (backend, session hash and `is_active` checks), while the backend may take the
    user read in the session's statement (accounts/sessions.py): one round trip, not two."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _user_of(request))


def _user_of(request):
    if not hasattr(request, "_cached_user"):
        session = request.session
        token = loading_user_of.set(session if isinstance(session, SessionStore) else None)
        try:
            request._cached_user = auth.get_user(request)
        finally:
            loading_user_of.reset(token)
    return request._cached_user


class TimezoneMiddleware:
    """Show times in the viewer's own time zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if isinstance(user, SimpleLazyObject):
            # Read here on every request anyway: from now on the page's code and templates use the
            # user itself, not a proxy that resolves each attribute through Python (docs/performance.md).
            user = request.user = _user_of(request)
        if user is not None and user.is_authenticated:
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)
