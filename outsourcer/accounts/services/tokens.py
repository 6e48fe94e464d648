"""Personal API tokens: create (the secret is returned once), revoke, authenticate."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from outsourcer.accounts import events
from outsourcer.accounts.models import ApiToken, Membership, Organization, User
from outsourcer.accounts.selectors import api_token_for_digest
from outsourcer.audit.events import event_record
from outsourcer.lib.errors import DomainError
from outsourcer.lib.validation import Errors

TOKEN_PREFIX = "osr_"  # noqa: S105 - a public marker, not a secret


def _token_digest(raw: str) -> str:
    import hashlib

    return hashlib.sha256(raw.encode()).hexdigest()


def api_token_create(*, user: User, name: str, organization: Organization | None = None) -> tuple[ApiToken, str]:
    """Create a personal token; returns the row and the raw secret, which is never stored or shown again.
    With `organization`, the caller must be its member; without, the token serves the contractor portal."""
    import secrets

    errors = Errors()
    name = errors.text(name, field="name", label="Token name", max_length=80)
    errors.raise_if_any()
    if organization is not None and not Membership.objects.filter(organization=organization, user=user).exists():
        raise DomainError("You are not a member of that organization.", field="scope")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, organization=organization, name=name, prefix=raw[:10], digest=_token_digest(raw)
        )
        event_record(action=events.API_TOKEN_CREATED, organization=organization, actor=user, obj=token)
    return token, raw


def api_token_revoke(*, token: ApiToken, actor: User) -> None:
    with transaction.atomic():
        ApiToken.objects.filter(pk=token.pk, revoked_at=None).update(revoked_at=timezone.now())
        event_record(action=events.API_TOKEN_REVOKED, organization=token.organization, actor=actor, obj=token)


def api_token_authenticate(raw: str) -> ApiToken | None:
    """The live token for a raw secret (with its user and organization), or None."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = api_token_for_digest(digest=_token_digest(raw))
    now = timezone.now()
    # "Last used" is shown to the minute; writing it on every call would add a write to every
    # API request (and lock contention on busy tokens) for no visible change.
    if token is not None and (token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1)):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
