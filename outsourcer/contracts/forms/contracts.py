"""Forms for a contract's terms and milestones, the contract list's filters, and the override
confirmation. They turn typed text ("1,200.50", "7.5" hours) into cents and minutes; the services
validate the rest."""

from decimal import Decimal
from typing import Any

from django import forms

from outsourcer.accounts.forms import NulFreeMixin
from outsourcer.budgets.exchange import rate_micros_from_text, rate_text
from outsourcer.budgets.forms import DATE_INPUT, money_field, parse_money_into
from outsourcer.contracts.models import Contract, ContractStatus, RateModel
from outsourcer.lib.durations import hours_to_minutes, minutes_to_hours
from outsourcer.lib.errors import ServiceErrorsMixin
from outsourcer.lib.money import amount_text
from outsourcer.lib.pickers import CurrencyField

MAX_MILESTONES = 20
MILESTONE_ROWS = 3


def hours_field(label: str, *, help_text: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=0,
        max_value=744,
        max_digits=6,
        decimal_places=2,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"step": "0.25", "inputmode": "decimal"}),
    )


def _minutes(hours: Decimal | None) -> int | None:
    return None if hours is None else hours_to_minutes(hours)


def _hours(minutes: int | None) -> str:
    return "" if minutes is None else minutes_to_hours(minutes)


class ContractForm(ServiceErrorsMixin, NulFreeMixin, forms.Form):
    """A draft contract's terms; only the fields of the chosen rate model are read."""

    title = forms.CharField(max_length=200, help_text="e.g. Weekly product photos")
    contractor = forms.TypedChoiceField(
        coerce=int, empty_value=None, help_text="Contractors with an active engagement."
    )
    budget = forms.TypedChoiceField(coerce=int, empty_value=None, help_text="The money this contract draws from.")
    rate_model = forms.ChoiceField(
        label="Model", choices=RateModel.choices, initial=RateModel.HOURLY, widget=forms.RadioSelect
    )
    starts_on = forms.DateField(label="Starts on", widget=DATE_INPUT)
    ends_on = forms.DateField(label="Ends on", required=False, widget=DATE_INPUT, help_text="Optional.")
    currency = CurrencyField(
        required=False,
        initial="",
        attrs={"placeholder": "The budget's currency"},
        help_text="Only when the contractor is paid in another currency than the budget's.",
    )
    exchange_rate = forms.CharField(
        required=False,
        max_length=20,
        label="Exchange rate",
        help_text="Budget currency per 1 unit of the contract currency, e.g. 0.92. Recorded on the contract.",
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    # hourly
    hourly_rate = money_field("Hourly rate", required=False)
    weekly_cap_hours = hours_field("Weekly hour cap", help_text="Time above it needs an owner's override.")
    # retainer
    monthly_fee = money_field("Monthly fee", required=False)
    included_hours = hours_field("Hours included per month")
    overage_rate = money_field("Overage hourly rate", required=False, help_text="For hours beyond the included ones.")
    # fixed price
    total = money_field("Total price", required=False, help_text="The milestones below must add up to it.")

    MODEL_FIELDS = {
        RateModel.HOURLY: ("hourly_rate", "weekly_cap_hours"),
        RateModel.RETAINER: ("monthly_fee", "included_hours", "overage_rate"),
        RateModel.FIXED: ("total",),
    }
    service_fields = {
        "hourly_rate_cents": "hourly_rate",
        "weekly_cap_minutes": "weekly_cap_hours",
        "monthly_fee_cents": "monthly_fee",
        "included_minutes": "included_hours",
        "overage_rate_cents": "overage_rate",
        "total_cents": "total",
        "milestones": "total",
        "exchange_rate_micros": "exchange_rate",
        "contractor_id": "contractor",
        "budget_id": "budget",
        "engagement": "contractor",
    }

    def __init__(self, *args, contractors, budgets: dict[int, tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.budget_currencies = {pk: currency for pk, (_, currency) in budgets.items()}
        self.fields["contractor"].choices = [("", "Choose a contractor"), *contractors]
        self.fields["budget"].choices = [("", "Choose a budget"), *((pk, label) for pk, (label, _) in budgets.items())]

    def service_field(self, field: str) -> str:
        # Milestone problems (e.g. "milestones.2.amount_cents") are shown next to the total.
        return "total" if field.startswith("milestones") else super().service_field(field)

    def money_currency(self) -> str:
        data = self.cleaned_data
        return data.get("currency") or self.budget_currencies.get(data.get("budget")) or "EUR"

    def clean(self):
        cleaned = super().clean()
        currency = self.money_currency()
        model = cleaned.get("rate_model")
        self.cents: dict[str, int | None] = {}
        for name in ("hourly_rate", "monthly_fee", "overage_rate", "total"):
            needed = name in self.MODEL_FIELDS.get(model, ())
            self.cents[name] = parse_money_into(self, name, currency, required=True) if needed else None
        for name in ("weekly_cap_hours", "included_hours"):
            if name in self.MODEL_FIELDS.get(model, ()) and cleaned.get(name) is None and name not in self.errors:
                self.add_error(name, "Enter a number of hours.")
        self.rate_micros = self._clean_rate(cleaned.get("exchange_rate") or "")
        return cleaned

    def _clean_rate(self, text: str) -> int | None:
        try:
            return rate_micros_from_text(text)
        except ValueError as exc:
            self.add_error("exchange_rate", str(exc))
            return None

    def terms(self, milestones: list[dict[str, Any]]) -> dict[str, Any]:
        """The service's keyword arguments (without organization, actor, budget and contractor)."""
        data = self.cleaned_data
        model = data["rate_model"]
        hourly, retainer, fixed = model == RateModel.HOURLY, model == RateModel.RETAINER, model == RateModel.FIXED
        return {
            "title": data["title"],
            "rate_model": model,
            "starts_on": data["starts_on"],
            "ends_on": data.get("ends_on"),
            "currency": data.get("currency") or "",
            "exchange_rate_micros": self.rate_micros,
            "hourly_rate_cents": self.cents["hourly_rate"] if hourly else None,
            "weekly_cap_minutes": _minutes(data.get("weekly_cap_hours")) if hourly else None,
            "monthly_fee_cents": self.cents["monthly_fee"] if retainer else None,
            "included_minutes": _minutes(data.get("included_hours")) if retainer else None,
            "overage_rate_cents": self.cents["overage_rate"] if retainer else None,
            "total_cents": self.cents["total"] if fixed else None,
            "milestones": milestones if fixed else (),
        }

    @staticmethod
    def initial_for(contract: Contract) -> dict[str, Any]:
        cur = contract.currency

        def money(cents):
            return amount_text(cents, cur) if cents is not None else ""

        return {
            "title": contract.title,
            "contractor": contract.contractor_id,
            "budget": contract.budget_id,
            "rate_model": contract.rate_model,
            "starts_on": contract.starts_on,
            "ends_on": contract.ends_on,
            "currency": cur if contract.exchange_rate_micros else "",
            "exchange_rate": rate_text(contract.exchange_rate_micros) if contract.exchange_rate_micros else "",
            "hourly_rate": money(contract.hourly_rate_cents),
            "weekly_cap_hours": _hours(contract.weekly_cap_minutes),
            "monthly_fee": money(contract.monthly_fee_cents),
            "included_hours": _hours(contract.included_minutes),
            "overage_rate": money(contract.overage_rate_cents),
            "total": money(contract.total_cents),
        }


class MilestoneForm(NulFreeMixin, forms.Form):
    title = forms.CharField(max_length=200, required=False)
    amount = money_field("Amount", required=False, help_text="")
    due_on = forms.DateField(label="Due on", required=False, widget=DATE_INPUT)

    def __init__(self, *args, currency: str = "EUR", **kwargs):
        super().__init__(*args, **kwargs)
        self.currency = currency
        number = self.prefix_number()
        for name, label in (("title", "title"), ("amount", "amount"), ("due_on", "due date")):
            self.fields[name].widget.attrs["aria-label"] = f"Milestone {number} {label}"

    def prefix_number(self) -> int:
        try:
            return int((self.prefix or "x-0").rsplit("-", 1)[-1]) + 1
        except ValueError:
            return 1

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not (data.get("title") or data.get("amount") or data.get("due_on"))

    def clean(self):
        cleaned = super().clean()
        if self.is_blank():
            self.amount_cents = None
            return cleaned
        if not cleaned.get("title") and "title" not in self.errors:
            self.add_error("title", "Give the milestone a title.")
        if not cleaned.get("due_on") and "due_on" not in self.errors:
            self.add_error("due_on", "When is it due?")
        self.amount_cents = parse_money_into(self, "amount", self.currency, required=True)
        return cleaned

    def milestone(self) -> dict[str, Any]:
        return {
            "title": self.cleaned_data["title"],
            "amount_cents": self.amount_cents,
            "due_on": self.cleaned_data["due_on"],
        }


class BaseMilestoneFormSet(forms.BaseFormSet):
    def milestones(self) -> list[dict[str, Any]]:
        return [form.milestone() for form in self.forms if not form.is_blank()]


MilestoneFormSet = forms.formset_factory(
    MilestoneForm,
    formset=BaseMilestoneFormSet,
    extra=0,
    max_num=MAX_MILESTONES,
    absolute_max=MAX_MILESTONES,
    validate_max=True,
)


def milestone_formset(data=None, *, currency: str, initial=None, rows: int = MILESTONE_ROWS):
    initial = list(initial or [])
    formset_class = forms.formset_factory(
        MilestoneForm,
        formset=BaseMilestoneFormSet,
        extra=max(rows - len(initial), 0),
        max_num=MAX_MILESTONES,
        absolute_max=MAX_MILESTONES,
        validate_max=True,
    )
    return formset_class(data, initial=initial or None, prefix="milestones", form_kwargs={"currency": currency})


class ContractFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label="Search")
    status = forms.ChoiceField(required=False, choices=[("", "Any status"), *ContractStatus.choices])
    rate_model = forms.ChoiceField(required=False, label="Model", choices=[("", "Any model"), *RateModel.choices])
    contractor = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    budget = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)

    def __init__(self, data, *, contractors, budgets):
        super().__init__(data, auto_id="filter_%s")
        self.fields["contractor"].choices = [("", "Any contractor"), *contractors]
        self.fields["budget"].choices = [("", "Any budget"), *budgets]

    def filters(self) -> dict[str, Any]:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})

        def value(name, empty):
            return data.get(name) if name not in self.errors and data.get(name) not in (None, "") else empty

        return {
            "search": value("q", "").replace("\x00", "").strip(),
            "status": value("status", ""),
            "rate_model": value("rate_model", ""),
            "contractor_id": value("contractor", None),
            "budget_id": value("budget", None),
        }


class OverrideForm(NulFreeMixin, forms.Form):
    """An owner's explicit confirmation past a guard, with the reason that is recorded. The
    confirmation is the button that says what it does ("Activate over budget"): it submits
    `confirm_override`, so one step holds both."""

    override_reason = forms.CharField(
        required=False,
        max_length=500,
        label="Reason for the override",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Recorded in the activity log and the Health Check.",
    )
    confirm_override = forms.BooleanField(required=False, label="Proceed anyway")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("confirm_override") and not (cleaned.get("override_reason") or "").strip():
            self.add_error("override_reason", "Give a reason for the override.")
        if (cleaned.get("override_reason") or "").strip() and not cleaned.get("confirm_override"):
            self.add_error("override_reason", "Press the override button to proceed with this reason.")
        return cleaned

    @property
    def confirmed(self) -> bool:
        return bool(self.cleaned_data.get("confirm_override"))

    @property
    def reason(self) -> str:
        """The reason when the override was confirmed with one, else "" (the guard then stops)."""
        return (self.cleaned_data.get("override_reason") or "").strip() if self.confirmed else ""


class StatusForm(OverrideForm):
    status = forms.ChoiceField(choices=ContractStatus.choices)
