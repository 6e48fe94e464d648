"""How audit actions read on the activity page.

Domains name their events `<entity>_<past participle>` (see STYLE.md); an action missing here
still shows, as its words ("budget threshold crossed").
"""

ACTION_LABELS: dict[str, str] = {
    "organization_created": "created the organization",
    "organization_updated": "changed the organization settings",
    "member_invited": "invited a member",
    "invitation_revoked": "withdrew an invitation",
    "member_joined": "joined",
    "member_role_changed": "changed a member's role",
    "member_removed": "removed a member",
    "api_token_created": "created an API token",
    "api_token_revoked": "revoked an API token",
    "password_changed": "changed their password",
    "user_email_confirmed": "confirmed their e-mail address",
    "password_reset": "reset their password",
    "contractor_added": "added a contractor",
    "contractor_updated": "updated a contractor",
    "contractor_invited": "invited a contractor",
    "contractor_joined": "accepted the contractor invitation",
    "contractor_profile_updated": "updated their contractor profile",
    "engagement_status_changed": "changed an engagement's status",
    "engagement_capacity_changed": "changed the capacity for this organization",
    "contractors_imported": "imported contractors",
    "budget_created": "created a budget",
    "budget_updated": "changed a budget",
    "budget_alert_sent": "sent a budget alert",
    "spend_recorded": "recorded spend",
    "expense_recorded": "recorded an expense",
    "spend_reversed": "reversed a ledger entry",
    "retainer_fee_posted": "posted a retainer fee",
    "contract_created": "drafted a contract",
    "contract_updated": "changed a contract",
    "contract_activated": "activated a contract",
    "contract_activated_over_budget": "activated a contract over budget",
    "contract_completed": "completed a contract",
    "contract_ended": "ended a contract",
    "contract_override": "overrode a contract guard",
    "milestone_accepted": "accepted a milestone",
    "time_entry_created": "logged time",
    "time_entry_updated": "changed logged time",
    "time_entry_approved": "approved time",
    "time_entry_approved_with_override": "approved time over the limit",
    "time_entry_rejected": "rejected time",
}

OBJECT_LABELS: dict[str, str] = {
    "accounts.organization": "Organization",
    "accounts.membership": "Membership",
    "accounts.invitation": "Invitation",
    "accounts.apitoken": "API token",
    "contractors.contractor": "Contractor",
    "contractors.engagement": "Engagement",
    "budgets.budget": "Budget",
    "budgets.spendentry": "Ledger entry",
    "budgets.budgetalert": "Budget alert",
    "contracts.contract": "Contract",
    "contracts.milestone": "Milestone",
    "contracts.timeentry": "Time entry",
}


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action) or action.replace("_", " ")


def object_label(object_type: str) -> str:
    if object_type in OBJECT_LABELS:
        return OBJECT_LABELS[object_type]
    return object_type.rpartition(".")[2].replace("_", " ").capitalize()
