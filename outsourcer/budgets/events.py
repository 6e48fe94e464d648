"""Audit actions of the budgets domain (event_record's `action`)."""

BUDGET_CREATED = "budget_created"
BUDGET_UPDATED = "budget_updated"
SPEND_RECORDED = "spend_recorded"
EXPENSE_RECORDED = "expense_recorded"
SPEND_REVERSED = "spend_reversed"
BUDGET_ALERT_SENT = "budget_alert_sent"
