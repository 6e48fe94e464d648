"""Audit actions of the accounts domain: organizations, members, invitations and API tokens."""

from outsourcer.audit.events import action

ORGANIZATION_CREATED = action("organization_created", "created the organization")
ORGANIZATION_UPDATED = action("organization_updated", "changed the organization settings")
MEMBER_INVITED = action("member_invited", "invited a member")
INVITATION_REVOKED = action("invitation_revoked", "withdrew an invitation")
MEMBER_JOINED = action("member_joined", "joined")
MEMBER_ROLE_CHANGED = action("member_role_changed", "changed a member's role")
MEMBER_REMOVED = action("member_removed", "removed a member")
API_TOKEN_CREATED = action("api_token_created", "created an API token")
API_TOKEN_REVOKED = action("api_token_revoked", "revoked an API token")
ORGANIZATION_CLOSED = action("organization_closed", "closed the organization")
PASSWORD_CHANGED = action("password_changed", "changed their password")
PASSWORD_RESET = action("password_reset", "reset their password")
USER_EMAIL_CONFIRMED = action("user_email_confirmed", "confirmed their e-mail address")
