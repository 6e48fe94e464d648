"""The one login throttle, applied where credentials are checked (the authentication backend),
so every login form — the accounts page, Django's admin, any later one — goes through it.

The counters themselves (per account and client address; per address and per e-mail for sign-up
and password-reset requests) live in the accounts services (`accounts/services/logins.py`);
docs/security.md states the rules.
"""

import logging

from django.core.exceptions import PermissionDenied

from outsourcer.accounts import services
from outsourcer.lib.net import client_address

security_log = logging.getLogger("outsourcer.security")

# Set on the request when the throttle refused an attempt, so a login page can answer 429 with
# the minutes left instead of the generic "do not match".
LOCKOUT_ATTRIBUTE = "login_lockout_minutes"


def login_attempt_guard(request, email: str) -> str:
    """Claim one attempt for (email, client address) and return the address; raises
    PermissionDenied (which stops Django's `authenticate`) when the pair is locked out."""
    ip = client_address(request) if request is not None else ""
    if not services.login_attempt_reserve(email=email, ip=ip):
        services.login_failed(email=email, ip=ip, locked=True)
        if request is not None:
            minutes = services.login_lockout_remaining(email=email, ip=ip) or 15
            setattr(request, LOCKOUT_ATTRIBUTE, minutes)
        raise PermissionDenied("login throttled")
    return ip


def login_lockout_minutes(request) -> int:
    """Minutes left on the lockout that refused this request's login attempt; 0 when none did."""
    return getattr(request, LOCKOUT_ATTRIBUTE, 0)


def account_request_reserve(request, *, kind: str, email: str) -> bool:
    """`services.account_request_reserve` for this request's client address."""
    return services.account_request_reserve(kind=kind, email=email, ip=client_address(request))
