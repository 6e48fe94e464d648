"""The client's network address, trusting forwarded headers only from configured proxies."""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _ip(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def is_trusted_proxy(address: str, proxies: tuple[str, ...] | list[str] | None = None) -> bool:
    """True when `address` is inside one of `proxies` (default: settings.TRUSTED_PROXIES)."""
    ip = _ip(address or "")
    entries = tuple(settings.TRUSTED_PROXIES if proxies is None else proxies)
    return ip is not None and any(ip in network for network in _networks(entries))


def client_address(request, proxies: tuple[str, ...] | list[str] | None = None) -> str:
    """The address the request came from.

    X-Real-IP and X-Forwarded-For are believed only when the socket peer (REMOTE_ADDR) is a
    trusted proxy: anyone else can put any value in them, and a throttle keyed on them would
    give an attacker a fresh address per request. Behind several trusted proxies the
    X-Forwarded-For chain is read from the right, skipping trusted hops.
    """
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if not is_trusted_proxy(remote, proxies):
        return remote
    real = request.META.get("HTTP_X_REAL_IP", "")
    if real and _ip(real) is not None:
        return real.strip()
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        if _ip(hop) is None:
            break
        if not is_trusted_proxy(hop, proxies):
            return hop
    return remote
