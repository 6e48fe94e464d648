"""Forms for time review and the contractor's time log ("2", "1,5", "1:30", "90m", "2h 15m" into minutes)."""

import re
from datetime import date
from typing import Any

from django import forms
from django.urls import reverse

from outsourcer.accounts.forms import NulFreeMixin
from outsourcer.budgets.forms import DATE_INPUT
from outsourcer.contracts.forms.contracts import OverrideForm
from outsourcer.contracts.models import TimeEntryStatus
from outsourcer.lib.durations import clock_text, duration_text, parse_duration
from outsourcer.lib.errors import ServiceErrorsMixin
from outsourcer.lib.limits import MAX_DAY_MINUTES


class RejectForm(NulFreeMixin, forms.Form):
    reason = forms.CharField(max_length=500, label="Reason", help_text="The contractor sees it.")


class BulkReviewForm(OverrideForm):
    action = forms.ChoiceField(choices=[("approve", "Approve"), ("reject", "Reject")])
    entries = forms.TypedMultipleChoiceField(
        coerce=int,
        choices=[],
        error_messages={
            "required": "Tick at least one entry.",
            "invalid_choice": "One of the ticked entries is no longer on this page.",
        },
    )
    reason = forms.CharField(required=False, max_length=500, label="Reason for rejecting")

    def __init__(self, *args, entry_ids: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].choices = [(pk, pk) for pk in entry_ids]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "reject" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", "Rejecting needs a reason; the contractor sees it.")
        return cleaned


class TimeFilterForm(forms.Form):
    status = forms.ChoiceField(
        required=False, choices=[("", "Any status"), *TimeEntryStatus.choices], initial=TimeEntryStatus.SUBMITTED
    )
    contractor = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    contract = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    week = forms.CharField(
        required=False,
        max_length=10,
        label="Week",
        widget=forms.TextInput(attrs={"type": "week", "placeholder": "2025-W07"}),
    )

    def __init__(self, data, *, contractors, contracts):
        # No status in the query string means the review queue: submitted entries.
        data = data.copy()
        if "status" not in data:
            data["status"] = TimeEntryStatus.SUBMITTED
        super().__init__(data, auto_id="filter_%s")
        self.fields["contractor"].choices = [("", "Any contractor"), *contractors]
        self.fields["contract"].choices = [("", "Any contract"), *contracts]

    def filters(self) -> dict[str, Any]:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        since = until = None
        week = week_range(data.get("week") or "") if "week" not in self.errors else None
        if week:
            since, until = week
        return {
            "status": data.get("status", "") if "status" not in self.errors else "",
            "contractor_id": data.get("contractor") if "contractor" not in self.errors else None,
            "contract_id": data.get("contract") if "contract" not in self.errors else None,
            "since": since,
            "until": until,
        }


def week_range(text: str) -> tuple[date, date] | None:
    """ "2025-W07" → (Monday, Sunday) of that ISO week; None when it is not one."""
    match = re.fullmatch(r"(\d{4})-W(\d{1,2})", text.strip())
    if not match:
        return None
    try:
        monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
        sunday = date.fromisocalendar(int(match[1]), int(match[2]), 7)
    except ValueError:
        return None
    return monday, sunday


DURATION_HELP = "Write hours such as 2, 1.5 or 1:30, or minutes with their unit such as 90m."


def duration_reading(text: str) -> tuple[int | None, str]:
    """(minutes, "") for a loggable duration, else (None, what to type instead)."""
    minutes = parse_duration(text)
    if minutes is None:
        return None, DURATION_HELP
    if not 1 <= minutes <= MAX_DAY_MINUTES:
        return None, "Between 1 minute and 24 hours."
    return minutes, ""


def understood_text(text: str) -> tuple[bool, str]:
    """The preview's sentence: (True, "Understood: 1 h 30 min") or (False, the problem)."""
    if not (text or "").strip():
        return True, ""
    minutes, problem = duration_reading(text)
    return (False, problem) if problem else (True, f"Understood: {duration_text(minutes)}")


class TimeEntryForm(ServiceErrorsMixin, NulFreeMixin, forms.Form):
    contract = forms.TypedChoiceField(coerce=int, empty_value=None, label="Contract")
    worked_on = forms.DateField(label="Date", widget=DATE_INPUT)
    duration = forms.CharField(
        max_length=12,
        label="Time worked",
        help_text="Hours (2, 1.5 or 1,5), hours:minutes (1:30) or with units (90m, 2h 15m).",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "placeholder": "1,5 or 1:30"}),
    )
    note = forms.CharField(
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What you worked on; your client sees it.",
    )

    task = forms.TypedChoiceField(
        coerce=int, empty_value=None, required=False, label="Task", help_text="Optional: the task this time was for."
    )

    service_fields = {"minutes": "duration", "contract_id": "contract"}

    def __init__(
        self,
        *args,
        contracts: list[tuple[int, str]] | None,
        entry_id: int | None = None,
        tasks: list[tuple[int, str]] | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        if tasks:
            self.fields["task"].choices = [("", "No particular task"), *tasks]
        else:
            del self.fields["task"]
        # Shown under the field while typing (portal:time-understood), before anything is saved:
        # the duration as understood and, with the contract and day, a weekly-cap warning; so
        # changing the contract or the day asks again.
        self.fields["duration"].preview = True
        self.fields["duration"].widget.attrs |= {
            "hx-get": reverse("portal:time-understood"),
            "hx-trigger": "input changed delay:300ms, load, change from:#id_contract, change from:#id_worked_on",
            "hx-include": "#id_contract, #id_worked_on",
            "hx-target": "#id_duration_understood",
            "hx-sync": "this:replace",
        }
        if entry_id is not None:
            self.fields["duration"].widget.attrs["hx-vals"] = f'{{"entry": {int(entry_id)}}}'
        if contracts is None:  # editing: an entry stays on its contract
            del self.fields["contract"]
        else:
            self.fields["contract"].choices = [("", "Choose a contract"), *contracts]

    def clean_duration(self) -> str:
        text = self.cleaned_data["duration"]
        minutes, problem = duration_reading(text)
        if problem:
            raise forms.ValidationError(problem)
        self.minutes = minutes
        return text

    @staticmethod
    def initial_for(entry) -> dict[str, Any]:
        return {
            "contract": entry.contract_id,
            "worked_on": entry.worked_on,
            "duration": clock_text(entry.minutes),
            "note": entry.note,
        }
