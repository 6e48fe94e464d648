"""Writes that follow a password change or reset: optionally revoking the account's API tokens.

A new password ends the other sessions (Django rotates the session hash), but API tokens are
separate credentials: whoever knew the old password may have made one. The forms offer to revoke
them (on by default after a reset, when the old password may be in someone else's hands).
"""

from django.db import transaction
from django.utils import timezone

from outsourcer.accounts import events
from outsourcer.accounts.models import ApiToken, User
from outsourcer.audit.events import Action, event_record


def user_password_changed(*, user: User, how: Action, revoke_api_tokens: bool) -> int:
    """Record that `user`'s password was changed (`how`: events.PASSWORD_CHANGED or events.PASSWORD_RESET) and,
    when asked, revoke every active API token, one `api_token_revoked` event each. Returns how
    many tokens were revoked."""
    reason = "password reset" if how == events.PASSWORD_RESET else "password changed"
    with transaction.atomic():
        tokens = (
            list(ApiToken.objects.select_for_update().filter(user=user, revoked_at=None)) if revoke_api_tokens else []
        )
        ApiToken.objects.filter(pk__in=[token.pk for token in tokens]).update(revoked_at=timezone.now())
        for token in tokens:
            event_record(
                action=events.API_TOKEN_REVOKED, organization=token.organization, actor=user, obj=token, reason=reason
            )
        event_record(action=how, actor=user, obj=user, after={"api_tokens_revoked": len(tokens)})
    return len(tokens)
