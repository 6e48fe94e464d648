"""Closing an organization: what happens instead of deleting one with money history.

The ledger keeps every spend entry forever and the database refuses to cascade into it
(docs/money.md, "Closing an organization"), so an organization is never deleted once it has
budgets or contracts. Closing makes it read-only: the members are removed (nobody can open its
pages or API any more), pending invitations and its API tokens are revoked, and every domain
above accounts stops its own open work through a hook it registers (contracts end their open
contracts, so no fee is posted and no time is logged). The rows stay for the books.
"""

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from outsourcer.accounts import events
from outsourcer.accounts.models import ApiToken, Invitation, Membership, Organization, User
from outsourcer.audit.events import event_record
from outsourcer.lib.errors import DomainError

ALREADY_CLOSED = "This organization is already closed."

# (organization, actor) → stops that domain's open work; called inside the closing transaction.
CloseHook = Callable[[Organization, User], None]
_CLOSE_HOOKS: list[CloseHook] = []


def organization_close_hook_register(hook: CloseHook) -> None:
    """Let a higher domain stop its open work when an organization closes (from AppConfig.ready)."""
    if hook not in _CLOSE_HOOKS:
        _CLOSE_HOOKS.append(hook)


def organization_close(*, organization: Organization, actor: User, reason: str = "") -> Organization:
    """Close the organization: run every domain's close hook, revoke invitations and API tokens,
    remove every member, and record `organization_closed` (with the members removed). Nothing is
    deleted but memberships. DomainError when it is already closed."""
    with transaction.atomic():
        locked = Organization.objects.select_for_update().get(pk=organization.pk)
        if locked.closed_at is not None:
            raise DomainError(ALREADY_CLOSED, code="already_closed")
        now = timezone.now()
        for hook in _CLOSE_HOOKS:
            hook(locked, actor)
        Invitation.objects.filter(organization=locked, accepted_at=None, revoked_at=None).update(revoked_at=now)
        ApiToken.objects.filter(organization=locked, revoked_at=None).update(revoked_at=now)
        members = list(Membership.objects.filter(organization=locked).values_list("user__email", "role"))
        Membership.objects.filter(organization=locked).delete()
        locked.closed_at = now
        locked.save(update_fields=["closed_at"])
        event_record(
            action=events.ORGANIZATION_CLOSED,
            organization=locked,
            actor=actor,
            obj=locked,
            before={"members": [{"user": email, "role": role} for email, role in members]},
            after={"closed_at": now.isoformat()},
            reason=reason,
        )
    organization.closed_at = locked.closed_at
    return organization
