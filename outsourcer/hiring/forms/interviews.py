"""Forms for interviews: schedule or move one (a day and a time in the viewer's zone), filter the
list, and an interviewer's scorecard. The services validate the rules; these turn typed text into
an aware moment, minutes and scores."""

from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone

from outsourcer.accounts.forms import NulFreeMixin
from outsourcer.budgets.forms import DATE_INPUT
from outsourcer.lib.errors import ServiceErrorsMixin

SCORE_CHOICES = [(n, str(n)) for n in range(1, 6)]
NO_SUCH_TIME = "{time} does not exist on {day} in {zone}: the clocks change. Choose another time."


def aware_moment(day, clock, zone) -> datetime | None:
    """`day` at `clock` in `zone`, or None when that wall time does not exist (spring forward)."""
    moment = datetime.combine(day, clock, tzinfo=zone)
    round_trip = moment.astimezone(timezone.UTC).astimezone(zone)
    return moment if round_trip.replace(tzinfo=None) == moment.replace(tzinfo=None) else None


class ScheduleFields(ServiceErrorsMixin, NulFreeMixin, forms.Form):
    """When, how long, where and with whom; plus the confirmation past the working-hours warning."""

    service_fields = {"starts_at": "day", "duration_minutes": "duration_minutes"}

    day = forms.DateField(label="Day", widget=DATE_INPUT)
    time = forms.TimeField(label="Time", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    duration_minutes = forms.IntegerField(
        label="Length (minutes)", min_value=5, max_value=480, initial=45, widget=forms.NumberInput(attrs={"step": 5})
    )
    location = forms.CharField(
        label="Where", required=False, max_length=300, help_text="A meeting link, a phone number or an address."
    )
    interviewers = forms.TypedMultipleChoiceField(
        coerce=int, widget=forms.CheckboxSelectMultiple, help_text="Owners and managers; each scores the interview."
    )
    override_reason = forms.CharField(
        required=False,
        max_length=500,
        label="Why this time works anyway",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Recorded in the activity log.",
    )

    def __init__(self, *args, interviewers: list[tuple[int, str]], zone_name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interviewers"].choices = interviewers
        self.fields["time"].help_text = f"Your time ({zone_name})."
        self.zone = timezone.get_current_timezone()

    def clean(self):
        cleaned = super().clean()
        day, clock = cleaned.get("day"), cleaned.get("time")
        if day and clock:
            moment = aware_moment(day, clock, self.zone)
            if moment is None:
                self.add_error(
                    "time", NO_SUCH_TIME.format(time=f"{clock:%H:%M}", day=f"{day:%d %b %Y}", zone=self.zone.key)
                )
            cleaned["starts_at"] = moment
        return cleaned

    def schedule(self) -> dict[str, Any]:
        """The service's keyword arguments but the interviewers (ids here, users there)."""
        data = self.cleaned_data
        return {
            "starts_at": data["starts_at"],
            "duration_minutes": data["duration_minutes"],
            "location": data["location"],
            "override_reason": data["override_reason"],
        }

    @classmethod
    def initial_for(cls, interview) -> dict[str, Any]:
        local = timezone.localtime(interview.starts_at)
        return {
            "day": local.date(),
            "time": local.time().replace(second=0, microsecond=0),
            "duration_minutes": interview.duration_minutes,
            "location": interview.location,
            "interviewers": [user.pk for user in interview.interviewers.all()],
        }


class InterviewForm(ScheduleFields):
    """A new interview: whom (an engagement of the organization) and, optionally, about which job."""

    service_fields = {**ScheduleFields.service_fields, "engagement": "engagement", "job": "job"}
    field_order = ["engagement", "job", "day", "time", "duration_minutes", "location", "interviewers"]

    engagement = forms.TypedChoiceField(label="Contractor", coerce=int, empty_value=None)
    job = forms.TypedChoiceField(label="About the job", coerce=int, empty_value=None, required=False)

    def __init__(self, *args, engagements: list[tuple[int, str]], jobs: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["engagement"].choices = [("", "Choose a contractor"), *engagements]
        self.fields["job"].choices = [("", "No particular job"), *jobs]


class InterviewFilterForm(forms.Form):
    contractor = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    job = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)

    def __init__(self, data, *, contractors: list[tuple[int, str]], jobs: list[tuple[int, str]]):
        super().__init__(data, auto_id="filter_%s")
        self.fields["contractor"].choices = [("", "Any contractor"), *contractors]
        self.fields["job"].choices = [("", "Any job"), *jobs]

    def filters(self) -> dict[str, int | None]:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "contractor_id": data.get("contractor") if "contractor" not in self.errors else None,
            "job_id": data.get("job") if "job" not in self.errors else None,
        }


class ScorecardForm(ServiceErrorsMixin, NulFreeMixin, forms.Form):
    communication = forms.TypedChoiceField(coerce=int, choices=SCORE_CHOICES, widget=forms.RadioSelect)
    skill = forms.TypedChoiceField(coerce=int, choices=SCORE_CHOICES, widget=forms.RadioSelect)
    reliability = forms.TypedChoiceField(coerce=int, choices=SCORE_CHOICES, widget=forms.RadioSelect)
    understanding = forms.TypedChoiceField(
        label="Understanding of our goals", coerce=int, choices=SCORE_CHOICES, widget=forms.RadioSelect
    )
    notes = forms.CharField(
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For your organization only; the contractor never sees scores or notes.",
    )

    @classmethod
    def initial_for(cls, card) -> dict[str, Any]:
        if card is None:
            return {}
        return {
            name: getattr(card, name) for name in ("communication", "skill", "reliability", "understanding", "notes")
        }
