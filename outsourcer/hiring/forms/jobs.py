"""Forms of the organization's job pages: the brief, the list's status filter, status changes,
invitations and the share link. Typed money ("1.500,00", "1500") becomes cents in the chosen
budget's currency; the bid deadline is read in the viewer's time zone. The services validate the rest."""

from typing import Any

from django import forms
from django.utils import timezone

from outsourcer.accounts.forms import NulFreeMixin
from outsourcer.budgets.forms import DATE_INPUT, money_field, parse_money_into
from outsourcer.hiring.models import Job, JobStatus, RateModel
from outsourcer.hiring.services.jobs import MAX_SHARE_DAYS, share_link_days_default
from outsourcer.lib.errors import ServiceErrorsMixin
from outsourcer.lib.money import amount_text

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
TEXT_AREA = {"rows": 4}


class JobForm(ServiceErrorsMixin, NulFreeMixin, forms.Form):
    """A job's brief; the expected amounts are in the chosen budget's currency."""

    title = forms.CharField(max_length=200, help_text="e.g. Product photos for the spring menu")
    budget = forms.TypedChoiceField(coerce=int, empty_value=None, help_text="The money the work will draw from.")
    goal = forms.CharField(
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs=TEXT_AREA),
        help_text="What the work is for. Needed before the job opens.",
    )
    deliverables = forms.CharField(
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs=TEXT_AREA),
        help_text="What you expect to receive, and in which format. Needed before the job opens.",
    )
    acceptance_criteria = forms.CharField(
        label="Acceptance criteria",
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs=TEXT_AREA),
        help_text="How you will judge that it is done.",
    )
    deadline_on = forms.DateField(label="Deadline of the work", required=False, widget=DATE_INPUT)
    skills = forms.CharField(required=False, max_length=500, help_text="Comma-separated, e.g. photography, editing")
    rate_model = forms.ChoiceField(
        label="Rate model wanted", choices=RateModel.choices, initial=RateModel.FIXED, widget=forms.RadioSelect
    )
    expected_min = money_field(
        "Expected amount", required=False, help_text="In the budget's currency, e.g. 1,500.00. Optional."
    )
    expected_max = money_field("Up to", required=False, help_text="For a range; leave empty for one amount.")
    bids_due_at = forms.DateTimeField(
        label="Bids due", required=False, widget=DATETIME_INPUT, help_text="Needed before the job opens."
    )
    # Shown only when the brief looks like open work (templates/similar/matches.html).
    duplicate_override_reason = forms.CharField(
        required=False, max_length=500, label="Reason to save it anyway", help_text="Why this is not the same work."
    )

    service_fields = {
        "expected_min_cents": "expected_min",
        "expected_max_cents": "expected_max",
    }

    def __init__(self, *args, budgets: dict[int, tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.budget_currencies = {pk: currency for pk, (_, currency) in budgets.items()}
        self.fields["budget"].choices = [("", "Choose a budget"), *((pk, label) for pk, (label, _) in budgets.items())]
        zone = timezone.get_current_timezone_name()
        self.fields["bids_due_at"].help_text = f"Your time ({zone}). Needed before the job opens."

    def clean(self):
        cleaned = super().clean()
        currency = self.budget_currencies.get(cleaned.get("budget")) or "EUR"
        self.cents = {
            name: parse_money_into(self, name, currency, required=False) for name in ("expected_min", "expected_max")
        }
        return cleaned

    def brief(self) -> dict[str, Any]:
        """The service's keyword arguments, without the budget."""
        data = self.cleaned_data
        low, high = self.cents["expected_min"], self.cents["expected_max"]
        return {
            "title": data["title"],
            "goal": data.get("goal") or "",
            "deliverables": data.get("deliverables") or "",
            "acceptance_criteria": data.get("acceptance_criteria") or "",
            "deadline_on": data.get("deadline_on"),
            "skills": data.get("skills") or "",
            "rate_model": data["rate_model"],
            # One amount typed is the expected amount; with "up to" it is a range.
            "expected_min_cents": low,
            "expected_max_cents": high if high is not None else low,
            "bids_due_at": data.get("bids_due_at"),
        }

    @staticmethod
    def initial_for(job: Job) -> dict[str, Any]:
        currency = job.budget.currency
        low, high = job.expected_min_cents, job.expected_max_cents
        return {
            "title": job.title,
            "budget": job.budget_id,
            "goal": job.goal,
            "deliverables": job.deliverables,
            "acceptance_criteria": job.acceptance_criteria,
            "deadline_on": job.deadline_on,
            "skills": job.skills,
            "rate_model": job.rate_model,
            "expected_min": amount_text(low, currency) if low is not None else "",
            "expected_max": amount_text(high, currency) if high is not None and high != low else "",
            "bids_due_at": job.bids_due_at,
        }


SHOW_CHOICES = [("", "Open and drafts"), ("all", "Every status"), *JobStatus.choices]


class JobFilterForm(forms.Form):
    status = forms.ChoiceField(required=False, choices=SHOW_CHOICES, label="Show")

    def __init__(self, data):
        super().__init__(data, auto_id="filter_%s")

    def statuses(self) -> tuple[list[str], bool]:
        """(statuses to list, whether the viewer chose them); open and drafts by default."""
        value = self.cleaned_data.get("status", "") if self.is_valid() else ""
        if value == "all":
            return [], True
        if value:
            return [value], True
        return [JobStatus.OPEN, JobStatus.DRAFT], False


class JobStatusForm(forms.Form):
    status = forms.ChoiceField(choices=[(s, label) for s, label in JobStatus.choices if s != JobStatus.AWARDED])


class InviteForm(ServiceErrorsMixin, forms.Form):
    engagements = forms.TypedMultipleChoiceField(
        coerce=int,
        label="Contractors from your directory",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one contractor to invite."},
    )

    service_fields = {"engagement_ids": "engagements"}

    def __init__(self, *args, choices: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["engagements"].choices = choices


class ShareForm(forms.Form):
    days = forms.IntegerField(
        label="Valid for (days)",
        min_value=1,
        max_value=MAX_SHARE_DAYS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days"].initial = share_link_days_default()
