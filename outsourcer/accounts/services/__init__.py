"""Every write for accounts, organizations, members and invitations.

A package with one module per subject; import services from here."""

from outsourcer.accounts.services.closing import organization_close, organization_close_hook_register
from outsourcer.accounts.services.logins import (
    account_request_reserve,
    login_attempt_reserve,
    login_failed,
    login_lockout_remaining,
    login_succeeded,
)
from outsourcer.accounts.services.members import (
    invitation_claim,
    invitation_from_token,
    invitation_revoke,
    invitation_token,
    invitation_url,
    member_invitation_accept,
    member_invite,
    member_remove,
    member_role_change,
    organization_create,
    organization_update,
)
from outsourcer.accounts.services.passwords import user_password_changed
from outsourcer.accounts.services.signup import (
    signup_check,
    signup_confirm,
    signup_confirm_by_invitation,
    signup_request,
    signup_token,
    signup_token_email,
)
from outsourcer.accounts.services.tokens import api_token_authenticate, api_token_create, api_token_revoke
from outsourcer.accounts.services.users import (
    membership_budget_alerts_set,
    user_create,
    user_profile_update,
    user_signup,
)

__all__ = [
    "account_request_reserve",
    "api_token_authenticate",
    "api_token_create",
    "api_token_revoke",
    "invitation_claim",
    "invitation_from_token",
    "invitation_revoke",
    "invitation_token",
    "invitation_url",
    "login_attempt_reserve",
    "login_failed",
    "login_lockout_remaining",
    "login_succeeded",
    "member_invitation_accept",
    "membership_budget_alerts_set",
    "member_invite",
    "member_remove",
    "member_role_change",
    "organization_close",
    "organization_close_hook_register",
    "organization_create",
    "organization_update",
    "signup_confirm",
    "signup_confirm_by_invitation",
    "signup_check",
    "signup_request",
    "signup_token",
    "signup_token_email",
    "user_create",
    "user_password_changed",
    "user_profile_update",
    "user_signup",
]
