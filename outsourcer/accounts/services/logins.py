"""Login throttling and the security log (docs/security.md)."""

import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from outsourcer.accounts.models import LoginThrottle, User, normalize_email

security_log = logging.getLogger("outsourcer.security")


def _throttle_key(email: str, ip: str) -> str:
    return f"{normalize_email(email)}|{ip or '-'}"


def _claim(key: str, *, limit: int, window_seconds: int) -> bool:
    # The claim is a conditional UPDATE, so parallel attempts cannot all read "4 so far" and slip
    # through together; a window that has run out starts again at zero.
    now = timezone.now()
    if not LoginThrottle.objects.filter(key=key).exists():
        try:
            with transaction.atomic():
                LoginThrottle.objects.create(key=key, attempts=0, window_started_at=now)
        except IntegrityError:
            pass
    window = timezone.timedelta(seconds=window_seconds)
    LoginThrottle.objects.filter(key=key, window_started_at__lt=now - window).update(attempts=0, window_started_at=now)
    return LoginThrottle.objects.filter(key=key, attempts__lt=limit).update(attempts=F("attempts") + 1) == 1


def login_attempt_reserve(*, email: str, ip: str) -> bool:
    """Claim one login attempt for (account, address) before the password is checked; False when
    the limit is reached."""
    return _claim(
        _throttle_key(email, ip),
        limit=settings.LOGIN_FAILURE_LIMIT,
        window_seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS,
    )


def account_request_reserve(*, kind: str, email: str, ip: str) -> bool:
    """Claim one `kind` request ("signup", "password_reset") for the client address and for the
    e-mail; False when either is over its limit (docs/security.md). Both are claimed even when
    the first is refused, so a refused flood keeps counting."""
    window = settings.ACCOUNT_REQUEST_WINDOW_SECONDS
    by_address = _claim(
        f"{kind}:ip:{ip or '-'}", limit=settings.ACCOUNT_REQUEST_LIMIT_PER_ADDRESS, window_seconds=window
    )
    by_email = _claim(
        f"{kind}:email:{normalize_email(email)}", limit=settings.ACCOUNT_REQUEST_LIMIT_PER_EMAIL, window_seconds=window
    )
    if not (by_address and by_email):
        security_log.warning("%s throttled email=%s ip=%s", kind, normalize_email(email)[:254], ip)
    return by_address and by_email


def login_lockout_remaining(*, email: str, ip: str) -> int:
    """Minutes until the (account, address) pair may try again; 0 when not locked."""
    throttle = LoginThrottle.objects.filter(key=_throttle_key(email, ip)).first()
    if throttle is None or throttle.attempts < settings.LOGIN_FAILURE_LIMIT:
        return 0
    ends = throttle.window_started_at + timezone.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    seconds = (ends - timezone.now()).total_seconds()
    return max(1, int((seconds + 59) // 60)) if seconds > 0 else 0


def login_succeeded(*, user: User, ip: str) -> None:
    LoginThrottle.objects.filter(key=_throttle_key(user.email, ip)).delete()
    security_log.info("login succeeded user=%s ip=%s", user.pk, ip)


def login_failed(*, email: str, ip: str, locked: bool) -> None:
    security_log.warning("login failed email=%s ip=%s locked=%s", normalize_email(email)[:254], ip, locked)
