"""Every write for contracts, milestones and time entries, including the budget guard.

A package with one module per entity; import services from here."""

from outsourcer.contracts.services.contracts import (
    contract_activate,
    contract_activation_check,
    contract_complete,
    contract_create,
    contract_end,
    contract_update,
)
from outsourcer.contracts.services.milestones import milestone_accept
from outsourcer.contracts.services.time_entries import (
    time_entry_create,
    time_entry_delete,
    time_entry_update,
)
from outsourcer.contracts.services.time_review import (
    time_entry_approve,
    time_entry_approve_bulk,
    time_entry_reject,
    time_entry_reject_bulk,
)

__all__ = [
    "contract_activate",
    "contract_activation_check",
    "contract_complete",
    "contract_create",
    "contract_end",
    "contract_update",
    "milestone_accept",
    "time_entry_approve",
    "time_entry_approve_bulk",
    "time_entry_create",
    "time_entry_delete",
    "time_entry_reject",
    "time_entry_reject_bulk",
    "time_entry_update",
]
