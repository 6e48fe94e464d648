"""Forms of a bid (the portal's and the share link's), the share link's applicant, and a Q&A message.
They turn typed text ("1,200.50", "7.5" hours, "0.92") into cents, minutes and micros; the services
check every rule again."""

from decimal import Decimal
from typing import Any

from django import forms

from outsourcer.accounts.forms import NulFreeMixin
from outsourcer.budgets.exchange import rate_micros_from_text, rate_text
from outsourcer.budgets.forms import DATE_INPUT, money_field, parse_money_into
from outsourcer.hiring.models import Bid, RateModel
from outsourcer.hiring.services.bids import MAX_APPROACH, MAX_QUESTIONS, MAX_RETAINER_MONTHS
from outsourcer.lib.durations import hours_to_minutes, minutes_to_hours
from outsourcer.lib.errors import ServiceErrorsMixin
from outsourcer.lib.limits import MAX_ESTIMATE_MINUTES
from outsourcer.lib.money import amount_text
from outsourcer.lib.pickers import CurrencyField


class BidForm(ServiceErrorsMixin, NulFreeMixin, forms.Form):
    """A bid's terms; only the fields of the chosen rate model are read."""

    rate_model = forms.ChoiceField(label="How you charge", choices=RateModel.choices, widget=forms.RadioSelect)
    fixed_total = money_field("Fixed total", required=False, help_text="For the whole job.")
    hourly_rate = money_field("Hourly rate", required=False)
    estimated_hours = forms.DecimalField(
        label="Estimated hours",
        required=False,
        min_value=Decimal("0.01"),
        max_value=MAX_ESTIMATE_MINUTES // 60,
        max_digits=7,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.25", "inputmode": "decimal"}),
    )
    retainer_fee = money_field("Monthly fee", required=False)
    retainer_months = forms.IntegerField(
        label="Months",
        required=False,
        min_value=1,
        max_value=MAX_RETAINER_MONTHS,
        help_text="How long the retainer runs.",
    )
    currency = CurrencyField(required=False, initial="")
    exchange_rate = forms.CharField(
        required=False,
        max_length=20,
        label="Exchange rate",
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    proposed_start_on = forms.DateField(label="You could start on", widget=DATE_INPUT)
    finishes_on = forms.DateField(label="You would finish by", widget=DATE_INPUT)
    approach = forms.CharField(
        label="Your approach", required=False, max_length=MAX_APPROACH, widget=forms.Textarea(attrs={"rows": 5})
    )
    questions = forms.CharField(
        label="Questions for the client",
        required=False,
        max_length=MAX_QUESTIONS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Sent with your bid. For a conversation, use the Q&A below.",
    )

    MODEL_FIELDS = {
        RateModel.FIXED: ("fixed_total",),
        RateModel.HOURLY: ("hourly_rate", "estimated_hours"),
        RateModel.RETAINER: ("retainer_fee", "retainer_months"),
    }
    service_fields = {
        "fixed_total_cents": "fixed_total",
        "hourly_rate_cents": "hourly_rate",
        "estimated_minutes": "estimated_hours",
        "retainer_fee_cents": "retainer_fee",
        "exchange_rate_micros": "exchange_rate",
    }

    def __init__(self, *args, job_currency: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.job_currency = job_currency
        self.fields["currency"].widget.attrs["placeholder"] = job_currency
        self.fields["currency"].help_text = f"The job is priced in {job_currency}. Leave empty to bid in it."
        self.fields[
            "exchange_rate"
        ].help_text = f"Only for a bid in another currency: {job_currency} per 1 unit of yours, e.g. 0.92."

    def clean(self):
        cleaned = super().clean()
        currency = cleaned.get("currency") or self.job_currency
        model = cleaned.get("rate_model")
        wanted = self.MODEL_FIELDS.get(model, ())
        self.cents: dict[str, int | None] = {}
        for name in ("fixed_total", "hourly_rate", "retainer_fee"):
            self.cents[name] = parse_money_into(self, name, currency, required=True) if name in wanted else None
        for name in ("estimated_hours", "retainer_months"):
            if name in wanted and cleaned.get(name) is None and name not in self.errors:
                self.add_error(name, "Enter a number." if name == "retainer_months" else "Enter a number of hours.")
        try:
            self.rate_micros = rate_micros_from_text(cleaned.get("exchange_rate") or "")
        except ValueError as exc:
            self.add_error("exchange_rate", str(exc))
            self.rate_micros = None
        return cleaned

    def terms(self) -> dict[str, Any]:
        """The keyword arguments of `bid_submit` (without job, contractor and actor)."""
        data = self.cleaned_data
        model = data["rate_model"]
        hours = data.get("estimated_hours")
        return {
            "rate_model": model,
            "currency": data.get("currency") or self.job_currency,
            "exchange_rate_micros": self.rate_micros,
            "fixed_total_cents": self.cents["fixed_total"],
            "hourly_rate_cents": self.cents["hourly_rate"],
            "estimated_minutes": hours_to_minutes(hours) if model == RateModel.HOURLY and hours is not None else None,
            "retainer_fee_cents": self.cents["retainer_fee"],
            "retainer_months": data.get("retainer_months") if model == RateModel.RETAINER else None,
            "proposed_start_on": data["proposed_start_on"],
            "finishes_on": data["finishes_on"],
            "approach": data.get("approach") or "",
            "questions": data.get("questions") or "",
        }

    @staticmethod
    def initial_for(bid: Bid | None, *, rate_model: str) -> dict[str, Any]:
        if bid is None:
            return {"rate_model": rate_model}
        cur = bid.currency

        def money(cents):
            return amount_text(cents, cur) if cents is not None else ""

        return {
            "rate_model": bid.rate_model,
            "fixed_total": money(bid.fixed_total_cents),
            "hourly_rate": money(bid.hourly_rate_cents),
            "estimated_hours": minutes_to_hours(bid.estimated_minutes) if bid.estimated_minutes else "",
            "retainer_fee": money(bid.retainer_fee_cents),
            "retainer_months": bid.retainer_months,
            "currency": cur if bid.exchange_rate_micros else "",
            "exchange_rate": rate_text(bid.exchange_rate_micros) if bid.exchange_rate_micros else "",
            "proposed_start_on": bid.proposed_start_on,
            "finishes_on": bid.finishes_on,
            "approach": bid.approach,
            "questions": bid.questions,
        }


class ApplyForm(BidForm):
    """The share link's form: who the newcomer is, then their bid."""

    name = forms.CharField(label="Your name", max_length=120)
    email = forms.EmailField(label="Your e-mail", max_length=254)
    company = forms.CharField(label="Company", max_length=120, required=False, help_text="Optional.")

    field_order = ["name", "email", "company"]
    service_fields = {**BidForm.service_fields}
