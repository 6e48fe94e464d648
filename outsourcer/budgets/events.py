"""Audit actions of the budgets domain: budgets, the spend ledger and budget alerts."""

from outsourcer.audit.events import action

BUDGET_CREATED = action("budget_created", "created a budget")
BUDGET_UPDATED = action("budget_updated", "changed a budget")
BUDGET_ALERT_SENT = action("budget_alert_sent", "sent a budget alert")
EXPENSE_RECORDED = action("expense_recorded", "recorded an expense")
SPEND_REVERSED = action("spend_reversed", "reversed a ledger entry")
