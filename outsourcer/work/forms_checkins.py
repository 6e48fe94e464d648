"""Forms for check-ins: the organization's cadence (weekly on a day, every N working days, none)
and the contractor's check-in."""

from django import forms

from outsourcer.accounts.forms import NulFreeMixin
from outsourcer.lib.errors import ServiceErrorsMixin
from outsourcer.lib.timezones import WEEKDAY_LABELS
from outsourcer.work.cadence import MAX_EVERY_DAYS
from outsourcer.work.models import CheckInCadence, CheckInStatus
from outsourcer.work.services.checkins import MAX_NOTE

NONE = "none"
KIND_CHOICES = [(NONE, "No check-ins"), ("weekly", "Weekly, on a weekday"), ("working_days", "Every N working days")]
WEEKDAY_CHOICES = [(index, label) for index, label in enumerate(WEEKDAY_LABELS.values())]


class CadenceForm(ServiceErrorsMixin, NulFreeMixin, forms.Form):
    kind = forms.ChoiceField(choices=KIND_CHOICES, label="Check-ins")
    weekday = forms.TypedChoiceField(
        choices=WEEKDAY_CHOICES, coerce=int, empty_value=None, required=False, label="Weekday"
    )
    every_days = forms.IntegerField(
        min_value=1, max_value=MAX_EVERY_DAYS, required=False, label="Every N working days", initial=3
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="id_cadence_%s", **kwargs)

    @staticmethod
    def initial_for(cadence: CheckInCadence | None) -> dict:
        if cadence is None:
            return {"kind": NONE, "weekday": 0}
        return {"kind": cadence.kind, "weekday": cadence.weekday, "every_days": cadence.every_days}


class CheckInForm(ServiceErrorsMixin, NulFreeMixin, forms.Form):
    status = forms.ChoiceField(choices=CheckInStatus.choices, initial="on_track")
    percent_done = forms.IntegerField(min_value=0, max_value=100, label="% done")
    note = forms.CharField(
        required=False,
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What is done, what is in the way.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="id_checkin_%s", **kwargs)
