"""The one login throttle, applied where credentials are checked (the authentication backend),
so every login form — the accounts page, Django's admin, any later one — goes through it.

The (account, client address) counter itself lives in the accounts services
(`login_attempt_reserve`); docs/security.md states the rule.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from outsourcer.accounts import services
from outsourcer.accounts.models import LoginThrottle, normalize_email
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


# --- sign-up and password-reset requests --------------------------------------------------------
# The same mechanism as logins (a LoginThrottle row per key, claimed with a conditional UPDATE),
# with keys of their own: "<kind>:ip:<address>" and "<kind>:email:<address>".


def _reserve(key: str, *, limit: int, window_seconds: int) -> bool:
    now = timezone.now()
    if not LoginThrottle.objects.filter(key=key).exists():
        try:
            with transaction.atomic():
                LoginThrottle.objects.create(key=key, attempts=0, window_started_at=now)
        except IntegrityError:
            pass
    window = timedelta(seconds=window_seconds)
    LoginThrottle.objects.filter(key=key, window_started_at__lt=now - window).update(attempts=0, window_started_at=now)
    return LoginThrottle.objects.filter(key=key, attempts__lt=limit).update(attempts=F("attempts") + 1) == 1


def account_request_reserve(request, *, kind: str, email: str) -> bool:
    """Claim one `kind` request ("signup", "password_reset") for the client address and for the
    e-mail; False when either is over its limit (docs/security.md). Both are claimed even when
    the first is refused, so a refused flood keeps counting."""
    window = settings.ACCOUNT_REQUEST_WINDOW_SECONDS
    by_address = _reserve(
        f"{kind}:ip:{client_address(request) or '-'}",
        limit=settings.ACCOUNT_REQUEST_LIMIT_PER_ADDRESS, window_seconds=window,
    )  # fmt: skip
    by_email = _reserve(
        f"{kind}:email:{normalize_email(email)}", limit=settings.ACCOUNT_REQUEST_LIMIT_PER_EMAIL, window_seconds=window
    )
    if not (by_address and by_email):
        security_log.warning("%s throttled email=%s ip=%s", kind, normalize_email(email)[:254], client_address(request))
    return by_address and by_email
