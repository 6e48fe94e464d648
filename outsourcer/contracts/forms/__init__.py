"""Forms for contracts, milestones, time review and the contractor's time log."""

from outsourcer.contracts.forms.contracts import (
    MILESTONE_ROWS,
    ContractFilterForm,
    ContractForm,
    OverrideForm,
    StatusForm,
    milestone_formset,
)
from outsourcer.contracts.forms.time_entries import BulkReviewForm, RejectForm, TimeEntryForm, TimeFilterForm

__all__ = [
    "MILESTONE_ROWS",
    "BulkReviewForm",
    "ContractFilterForm",
    "ContractForm",
    "OverrideForm",
    "RejectForm",
    "StatusForm",
    "TimeEntryForm",
    "TimeFilterForm",
    "milestone_formset",
]
