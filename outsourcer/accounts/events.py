"""Audit actions of the accounts domain: organizations, members, invitations and API tokens, and
how each reads on the activity page (audit.actions)."""

from outsourcer.audit.actions import Entry, field_wording, joined
from outsourcer.audit.events import action

field_wording("time_zone", "time zone")
field_wording("role", "role")


def _a_role(role) -> str:
    role = str(role or "member")
    return f"an {role}" if role[:1] in "aeiou" else f"a {role}"


def _member(entry: Entry) -> str:
    # A membership's stored name is "person · organization (role)".
    return entry.get("user") or entry.object_repr.partition(" · ")[0] or "a member"


def _tokens_revoked(entry: Entry) -> str:
    count = entry.get("api_tokens_revoked") or 0
    return f" and revoked {count} API token{'s' if count != 1 else ''}" if count else ""


def _closed(entry: Entry) -> str:
    members = [m for m in entry.get("members") or [] if isinstance(m, dict)]
    listed = joined(f"{m.get('user')} ({m.get('role')})" for m in members)
    return f"closed the organization {entry.quoted}" + (f"; its members were {listed}" if listed else "")


ORGANIZATION_CREATED = action(
    "organization_created", "created the organization", describe=lambda e: f"created the organization {e.quoted}"
)
ORGANIZATION_UPDATED = action(
    "organization_updated",
    "changed the organization settings",
    describe=lambda e: f"changed the organization settings: {e.changes()}",
)
MEMBER_INVITED = action(
    "member_invited",
    "invited a member",
    describe=lambda e: f"invited {e['email']} to join as {_a_role(e['role'])}",
)
INVITATION_REVOKED = action(
    "invitation_revoked",
    "withdrew an invitation",
    describe=lambda e: f"withdrew the invitation of {e['email']}" + (f" ({e.get('role')})" if e.get("role") else ""),
)
MEMBER_JOINED = action("member_joined", "joined", describe=lambda e: f"joined as {_a_role(e['role'])}")
MEMBER_ROLE_CHANGED = action(
    "member_role_changed",
    "changed a member's role",
    describe=lambda e: f"changed the role of {_member(e)} from {e.before['role']} to {e.after['role']}",
)
MEMBER_REMOVED = action(
    "member_removed",
    "removed a member",
    describe=lambda e: f"removed {_member(e)} ({e['role']}) from the organization",
)
API_TOKEN_CREATED = action(
    "api_token_created", "created an API token", describe=lambda e: f"created the API token {e.quoted}"
)
API_TOKEN_REVOKED = action(
    "api_token_revoked", "revoked an API token", describe=lambda e: f"revoked the API token {e.quoted}"
)
ORGANIZATION_CLOSED = action("organization_closed", "closed the organization", describe=_closed)
PASSWORD_CHANGED = action(
    "password_changed", "changed their password", describe=lambda e: "changed their password" + _tokens_revoked(e)
)
PASSWORD_RESET = action(
    "password_reset", "reset their password", describe=lambda e: "reset their password" + _tokens_revoked(e)
)
USER_EMAIL_CONFIRMED = action(
    "user_email_confirmed", "confirmed their e-mail address", describe=lambda e: "confirmed their e-mail address"
)
