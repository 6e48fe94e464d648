"""The award form: what becomes of the other bids, the message to those declined, the contract's
dates (and its weekly cap or included hours, where the bid leaves them to us), and the reasons an
owner gives to go past the vetting gate or the budget guard."""

from typing import Any

from django import forms

from outsourcer.accounts.forms import NulFreeMixin
from outsourcer.budgets.forms import DATE_INPUT
from outsourcer.contracts.forms.contracts import hours_field
from outsourcer.hiring.models import Bid, RateModel
from outsourcer.hiring.services.award import ALTERNATE, DECLINE, DEFAULT_MESSAGE, MAX_MESSAGE
from outsourcer.lib.durations import hours_to_minutes, minutes_to_hours
from outsourcer.lib.errors import ServiceErrorsMixin

OTHER_CHOICES = [(DECLINE, "Decline"), (ALTERNATE, "Keep as an alternate")]


def _reason(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Recorded in the activity log as an override, and counted by the Health Check.",
    )


class AwardForm(ServiceErrorsMixin, NulFreeMixin, forms.Form):
    """One radio pair per other open bid (`other_<id>`), then the message and the contract's terms."""

    message = forms.CharField(
        label="Message to the bidders you decline",
        max_length=MAX_MESSAGE,
        required=False,
        initial=DEFAULT_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Sent by e-mail and shown in their portal. Left empty, the courteous default above is sent.",
    )
    starts_on = forms.DateField(label="Contract starts on", required=False, widget=DATE_INPUT)
    ends_on = forms.DateField(label="Contract ends on", required=False, widget=DATE_INPUT)
    weekly_cap_hours = hours_field("Weekly hour cap", help_text="Spread from the bid's estimated hours.")
    included_hours = hours_field("Hours included per month")
    override_reason = _reason("Reason for awarding without passing vetting")
    budget_override_reason = _reason("Reason for going over budget")

    service_fields = {"weekly_cap_minutes": "weekly_cap_hours", "included_minutes": "included_hours"}

    def __init__(self, *args: Any, bid: Bid, others: list[Bid], terms: dict[str, Any] | None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.others = others
        for other in others:
            self.fields[self.other_field(other)] = forms.ChoiceField(
                label=other.contractor.name, choices=OTHER_CHOICES, initial=DECLINE, widget=forms.RadioSelect
            )
        if bid.rate_model != RateModel.HOURLY:
            del self.fields["weekly_cap_hours"]
        if bid.rate_model != RateModel.RETAINER:
            del self.fields["included_hours"]
        if terms:
            self.fields["starts_on"].initial = terms["starts_on"]
            self.fields["ends_on"].initial = terms["ends_on"]
            for name, key in (("weekly_cap_hours", "weekly_cap_minutes"), ("included_hours", "included_minutes")):
                if name in self.fields and terms.get(key) is not None:
                    self.fields[name].initial = minutes_to_hours(terms[key])

    @staticmethod
    def other_field(bid: Bid) -> str:
        return f"other_{bid.pk}"

    def other_rows(self) -> list[tuple[Bid, forms.BoundField]]:
        return [(other, self[self.other_field(other)]) for other in self.others]

    def award_arguments(self) -> dict[str, Any]:
        """bid_award's keyword arguments from the cleaned form."""
        data = self.cleaned_data
        hours = {
            key: hours_to_minutes(data[name]) if data.get(name) is not None else None
            for name, key in (("weekly_cap_hours", "weekly_cap_minutes"), ("included_hours", "included_minutes"))
        }
        return {
            "others": {other.pk: data[self.other_field(other)] for other in self.others},
            "message": data.get("message") or "",
            "override_reason": data.get("override_reason") or "",
            "budget_override_reason": data.get("budget_override_reason") or "",
            "starts_on": data.get("starts_on"),
            "ends_on": data.get("ends_on"),
            **hours,
        }
