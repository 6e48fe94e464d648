"""Signed links for people without a login: a job's share link and a referee's questionnaire.

A token signs (kind, row id, nonce). The row keeps the nonce: clearing or replacing it revokes every
link made with the old one (a share link revoked, a questionnaire answered), and the signature's
timestamp bounds its age. `token_read` tells the three failures apart, so a page can say which.
"""

import secrets
from dataclasses import dataclass

from django.core import signing

SALT = "outsourcer.hiring.tokens"


class TokenInvalid(Exception):
    """The link was altered, belongs to another kind of page, or never existed."""


class TokenExpired(Exception):
    """The link was genuine but is older than its lifetime."""


@dataclass(frozen=True)
class TokenData:
    row_id: int
    nonce: str


def token_nonce() -> str:
    return secrets.token_hex(16)


def token_make(*, kind: str, row_id: int, nonce: str) -> str:
    """A URL-safe token for the row with this nonce."""
    return signing.dumps({"k": kind, "i": row_id, "n": nonce}, salt=SALT, compress=True)


def token_read(token: str, *, kind: str, max_age_seconds: int) -> TokenData:
    """The row id and nonce a token names; raises TokenExpired or TokenInvalid. The caller still
    compares the nonce with the row's (an answered or revoked link has a stale nonce)."""
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age_seconds)
    except signing.SignatureExpired:
        raise TokenExpired from None
    except signing.BadSignature:
        raise TokenInvalid from None
    if not isinstance(data, dict) or data.get("k") != kind or not isinstance(data.get("i"), int):
        raise TokenInvalid
    return TokenData(row_id=data["i"], nonce=str(data.get("n", "")))
