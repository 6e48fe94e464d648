"""Forms for the budget pages. They turn what people type ("1,200.50", "50, 80, 100", a low–high
range of hours) into the shapes the services take (cents, a list of ints, minutes); the services
do the real validation and their errors are shown next to the matching field."""

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms

from outsourcer.accounts.forms import NulFreeMixin
from outsourcer.budgets.models import Budget, BudgetPeriod, SpendKind
from outsourcer.lib.durations import hours_to_minutes
from outsourcer.lib.errors import ServiceErrorsMixin
from outsourcer.lib.money import MoneyError, amount_text, parse_amount
from outsourcer.lib.pickers import CurrencyField

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def money_field(label: str, *, required: bool = True, help_text: str = "e.g. 1,200.50") -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=24,
        required=required,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


def parse_money_into(form: forms.Form, name: str, currency: str, *, required: bool = True) -> int | None:
    """Parse the money text field `name` in `currency`; adds the error to the field and returns None."""
    text = (form.cleaned_data.get(name) or "").strip()
    if not text:
        if required and name not in form.errors:
            form.add_error(name, "Enter an amount.")
        return None
    try:
        cents = parse_amount(text, currency)
    except MoneyError as exc:
        form.add_error(name, str(exc))
        return None
    if cents <= 0:
        form.add_error(name, "Enter an amount above zero.")
        return None
    return cents


def thresholds_text(values: list[int]) -> str:
    return ", ".join(str(v) for v in values)


class BudgetForm(ServiceErrorsMixin, NulFreeMixin, forms.Form):
    name = forms.CharField(max_length=120, help_text="The outsourced area, e.g. Social media or Bookkeeping.")
    period = forms.ChoiceField(
        choices=BudgetPeriod.choices,
        initial=BudgetPeriod.MONTHLY,
        widget=forms.RadioSelect,
        help_text="A recurring budget starts fresh every calendar month, quarter or year and keeps the history.",
    )
    amount = money_field("Amount per period")
    currency = CurrencyField()
    starts_on = forms.DateField(label="Starts on", widget=DATE_INPUT)
    ends_on = forms.DateField(
        label="Ends on",
        required=False,
        widget=DATE_INPUT,
        help_text="Required for a one-off budget; optional for a recurring one.",
    )
    thresholds = forms.CharField(
        label="Alert thresholds (%)",
        max_length=60,
        initial="50, 80, 100",
        help_text="Owners get one alert when spend crosses each of these percentages, once per period.",
    )

    service_fields = {"amount_cents": "amount"}

    def clean(self):
        cleaned = super().clean()
        currency = cleaned.get("currency") or "EUR"
        self.amount_cents = parse_money_into(self, "amount", currency)
        self.threshold_values = self._clean_thresholds(cleaned.get("thresholds") or "")
        if (
            cleaned.get("period") == BudgetPeriod.ONE_OFF
            and not cleaned.get("ends_on")
            and "ends_on" not in self.errors
        ):
            self.add_error("ends_on", "A one-off budget needs an end date.")
        return cleaned

    def _clean_thresholds(self, text: str) -> list[int] | None:
        parts = [p.strip().rstrip("%").strip() for p in text.replace(";", ",").split(",") if p.strip()]
        if not parts:
            if "thresholds" not in self.errors:
                self.add_error("thresholds", "Give at least one threshold, e.g. 50, 80, 100.")
            return None
        if not all(p.isdigit() for p in parts):
            self.add_error("thresholds", "Whole percentages separated by commas, e.g. 50, 80, 100.")
            return None
        return [int(p) for p in parts]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "period": data["period"],
            "starts_on": data["starts_on"],
            "ends_on": data.get("ends_on"),
            "amount_cents": self.amount_cents,
            "currency": data["currency"],
            "thresholds": self.threshold_values,
        }

    @staticmethod
    def initial_for(budget: Budget) -> dict[str, Any]:
        return {
            "name": budget.name,
            "period": budget.period,
            "amount": amount_text(budget.amount_cents, budget.currency),
            "currency": budget.currency,
            "starts_on": budget.starts_on,
            "ends_on": budget.ends_on,
            "thresholds": thresholds_text(budget.thresholds),
        }


class ExpenseForm(ServiceErrorsMixin, NulFreeMixin, forms.Form):
    amount = money_field("Amount")
    occurred_on = forms.DateField(label="Date", widget=DATE_INPUT)
    description = forms.CharField(max_length=500, help_text="What was paid for, e.g. Stock photos licence.")
    contractor = forms.TypedChoiceField(label="Contractor", required=False, coerce=int, empty_value=None)
    receipt = forms.FileField(
        required=False,
        help_text="PDF, PNG or JPEG, at most 10 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"}),
    )

    service_fields = {"amount_cents": "amount"}

    def __init__(self, *args, currency: str, contractors: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.currency = currency
        self.fields["amount"].label = f"Amount ({currency})"
        self.fields["contractor"].choices = [("", "No contractor")] + contractors

    def clean(self):
        cleaned = super().clean()
        self.amount_cents = parse_money_into(self, "amount", self.currency)
        return cleaned


class ReverseForm(NulFreeMixin, forms.Form):
    reason = forms.CharField(
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Recorded with the correcting entry and in the activity log.",
    )
    confirm = forms.BooleanField(label="Yes, add a correcting entry that cancels this one")


class LedgerFilterForm(forms.Form):
    """The ledger's filters, read from the query string; bad values are ignored, never a 500."""

    kind = forms.ChoiceField(required=False, choices=[("", "Any kind"), *SpendKind.choices])
    contractor = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, label="Contractor")
    since = forms.DateField(required=False, label="From", widget=DATE_INPUT)
    until = forms.DateField(required=False, label="Until", widget=DATE_INPUT)

    def __init__(self, data, *, contractors: list[tuple[int, str]]):
        super().__init__(data, auto_id="ledger_%s")
        self.fields["contractor"].choices = [("", "Any contractor")] + contractors

    def filters(self) -> dict[str, Any]:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "kind": data.get("kind") if "kind" not in self.errors else "",
            "contractor_id": data.get("contractor") if "contractor" not in self.errors else None,
            "since": data.get("since") if "since" not in self.errors else None,
            "until": data.get("until") if "until" not in self.errors else None,
        }


class AdviceForm(ServiceErrorsMixin, forms.Form):
    """An estimate for the rate-model advisor: hours, or a low–high range of hours."""

    low_hours = forms.DecimalField(
        label="Estimated hours (or the low end)",
        min_value=Decimal("0.25"),
        max_value=10_000,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.25", "inputmode": "decimal"}),
    )
    high_hours = forms.DecimalField(
        label="High end (optional)",
        required=False,
        min_value=Decimal("0.25"),
        max_value=10_000,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.25", "inputmode": "decimal"}),
        help_text="Give a range when the work is uncertain.",
    )
    contractor = forms.TypedChoiceField(
        label="Contractor", coerce=int, empty_value=None, help_text="Their default rate and volume tiers are used."
    )
    weeks = forms.IntegerField(
        label="Spread over weeks (optional)",
        required=False,
        min_value=1,
        max_value=260,
        help_text="Default: the weeks left in this period.",
    )
    exchange_rate = forms.CharField(
        label="Exchange rate (only for rates in another currency)",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )

    service_fields = {
        "low_minutes": "low_hours",
        "high_minutes": "high_hours",
        "exchange_rate_micros": "exchange_rate",
        "rate_cents": "contractor",
    }

    def __init__(self, *args, contractors: list[tuple[int, str]], **kwargs):
        super().__init__(*args, auto_id="advice_%s", **kwargs)
        self.fields["contractor"].choices = [("", "Choose a contractor")] + contractors

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("low_hours"), cleaned.get("high_hours")
        if low is not None and high is not None and high < low:
            self.add_error("high_hours", "The high end is at least the low end.")
        self.rate_micros = None
        text = (cleaned.get("exchange_rate") or "").strip().replace(",", ".")
        if text:
            try:
                micros = Decimal(text) * 1_000_000
            except ArithmeticError:
                micros = None
            if micros is None or not micros.is_finite() or micros <= 0 or micros != micros.to_integral_value():
                self.add_error("exchange_rate", "Enter a rate above zero with at most six decimals, e.g. 0.92.")
            else:
                self.rate_micros = int(micros)
        return cleaned

    def minutes(self) -> tuple[int, int]:
        low = self.cleaned_data["low_hours"]
        high = self.cleaned_data.get("high_hours") or low
        return hours_to_minutes(low), hours_to_minutes(high)


def parse_day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        return None
