"""Forms for tasks: the brief (organization), the status actions' texts, the lists' filters."""

from typing import Any

from django import forms
from django.urls import reverse

from outsourcer.accounts.forms import NulFreeMixin
from outsourcer.lib.durations import minutes_to_hours, parse_hours
from outsourcer.lib.errors import ServiceErrorsMixin
from outsourcer.lib.limits import MAX_ESTIMATE_MINUTES
from outsourcer.lib.money import MoneyError, parse_amount
from outsourcer.work.models import Priority
from outsourcer.work.selectors import OPEN, STATUS_FILTERS

MAX_ESTIMATE_HOURS = MAX_ESTIMATE_MINUTES // 60
ESTIMATE = f"Hours of work, e.g. 6 or 7.5 (up to {MAX_ESTIMATE_HOURS:,})."


def _area(rows: int, **attrs) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, **attrs})


class TaskForm(ServiceErrorsMixin, NulFreeMixin, forms.Form):
    contract = forms.TypedChoiceField(coerce=int, empty_value=None, label="Contract")
    title = forms.CharField(max_length=200)
    goal = forms.CharField(
        required=False, widget=_area(3), help_text="Why the work is needed, and how you will know it helped."
    )
    context = forms.CharField(required=False, widget=_area(3), help_text="What the contractor should know first.")
    deliverables = forms.CharField(required=False, widget=_area(3), help_text="Exactly what to hand over.")
    deliverable_format = forms.CharField(
        required=False, max_length=200, label="Format", help_text="e.g. JPEG, 2000 px wide"
    )
    acceptance_criteria = forms.CharField(
        required=False, widget=_area(3), label="Acceptance criteria", help_text="One check per line."
    )
    references = forms.CharField(required=False, widget=_area(2), help_text="Links, one per line.")
    deadline_at = forms.DateTimeField(
        required=False,
        label="Deadline",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="In your time zone; the contractor sees it in theirs.",
    )
    estimate = forms.CharField(required=False, max_length=12, label="Estimate (hours)", help_text=ESTIMATE)
    priority = forms.ChoiceField(choices=Priority.choices, initial=Priority.NORMAL)
    point_of_contact = forms.TypedChoiceField(
        coerce=int, empty_value=None, required=False, label="Point of contact", help_text="Who answers questions."
    )
    # Shown only when the brief looks like work already with someone else (templates/similar/matches.html).
    duplicate_override_reason = forms.CharField(
        required=False, max_length=500, label="Reason to save it anyway", help_text="Why this is not the same work."
    )

    service_fields = {"estimate_minutes": "estimate", "contract_id": "contract"}

    def __init__(
        self, *args, contracts: list[tuple[int, str]] | None, contacts: list[tuple[int, str]], check_url: str, **kwargs
    ):
        super().__init__(*args, **kwargs)
        if contracts is None:  # editing: a task stays under its contract
            del self.fields["contract"]
        else:
            self.fields["contract"].choices = [("", "Choose a contract"), *contracts]
        self.fields["point_of_contact"].choices = [("", "Nobody yet"), *contacts]
        # The findings are asked for while the owner writes (a partial swapped in under the form).
        self.live_attrs = {
            "hx-post": check_url,
            "hx-trigger": "input delay:600ms, change",
            "hx-target": "#brief-findings",
            "hx-swap": "outerHTML",
            "hx-sync": "this:replace",
        }

    def clean_estimate(self) -> int | None:
        text = (self.cleaned_data.get("estimate") or "").strip()
        if not text:
            return None
        minutes = parse_hours(text, maximum=MAX_ESTIMATE_HOURS)
        if minutes is None or minutes < 1:
            raise forms.ValidationError(ESTIMATE)
        return minutes

    def brief(self) -> dict[str, Any]:
        """The cleaned brief as the services take it (the point of contact still an id)."""
        data = self.cleaned_data
        names = (
            "title",
            "goal",
            "context",
            "deliverables",
            "deliverable_format",
            "references",
            "deadline_at",
            "priority",
        )
        values = {name: data.get(name) for name in names}
        values["acceptance_criteria"] = [
            line.strip() for line in (data.get("acceptance_criteria") or "").splitlines() if line.strip()
        ]
        values["estimate_minutes"] = data.get("estimate")
        return values

    @staticmethod
    def initial_for(task) -> dict[str, Any]:
        return {
            "title": task.title,
            "goal": task.goal,
            "context": task.context,
            "deliverables": task.deliverables,
            "deliverable_format": task.deliverable_format,
            "acceptance_criteria": "\n".join(task.acceptance_criteria),
            "references": task.references,
            "deadline_at": task.deadline_at,
            "estimate": minutes_to_hours(task.estimate_minutes) if task.estimate_minutes else "",
            "priority": task.priority,
            "point_of_contact": task.point_of_contact_id,
        }


class ReasonForm(NulFreeMixin, forms.Form):
    """One text a status action needs: a decline's reason, a question, an answer, a send's override reason."""

    text = forms.CharField(max_length=5000, widget=_area(3))

    def __init__(self, *args, name: str, label: str = "Reason", required: bool = True, **kwargs):
        # Several of these forms share a page: each gets its own input ids ("id_decline_text").
        super().__init__(*args, auto_id=f"id_{name}_%s", **kwargs)
        self.fields["text"].label = label
        self.fields["text"].required = required


class MilestoneForm(ServiceErrorsMixin, NulFreeMixin, forms.Form):
    title = forms.CharField(max_length=200, required=False)
    due_on = forms.DateField(required=False, label="Due on", widget=forms.DateInput(attrs={"type": "date"}))
    amount = forms.CharField(required=False, max_length=20, label="Amount", help_text="Optional.")
    contract_milestone = forms.TypedChoiceField(
        coerce=int, empty_value=None, required=False, label="Contract milestone"
    )

    service_fields = {"amount_cents": "amount"}

    def __init__(self, *args, contract_milestones: list[tuple[int, str]] | None, currency: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.currency = currency
        if contract_milestones is None:
            del self.fields["contract_milestone"]
        else:
            del self.fields["amount"]
            self.fields["contract_milestone"].choices = [("", "Choose one"), *contract_milestones]
            self.fields["contract_milestone"].required = True

    def clean_amount(self) -> int | None:
        text = (self.cleaned_data.get("amount") or "").strip()
        if not text:
            return None
        try:
            return parse_amount(text, self.currency)
        except MoneyError as exc:
            raise forms.ValidationError(str(exc)) from None


class TaskFilterForm(forms.Form):
    status = forms.ChoiceField(required=False, choices=STATUS_FILTERS, initial=OPEN)
    contractor = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, label="Contractor")

    def __init__(self, *args, contractors: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contractor"].choices = [("", "Every contractor"), *contractors]

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {"status": OPEN, "contractor_id": None}
        return {"status": self.cleaned_data["status"] or OPEN, "contractor_id": self.cleaned_data["contractor"]}


class PortalTaskFilterForm(forms.Form):
    status = forms.ChoiceField(required=False, choices=[s for s in STATUS_FILTERS if s[0] != "draft"], initial=OPEN)
    organization = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, label="Client")

    def __init__(self, *args, organizations: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [("", "Every client"), *organizations]

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {"status": OPEN, "organization_id": None}
        return {"status": self.cleaned_data["status"] or OPEN, "organization_id": self.cleaned_data["organization"]}


def check_url(org_slug: str) -> str:
    return reverse("tasks:check", kwargs={"org_slug": org_slug})
