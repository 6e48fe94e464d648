from datetime import date, datetime, time, timedelta

from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone

from outsourcer.audit.selectors import EventFilters

DEFAULT_PERIOD_DAYS = 30
SYSTEM = "system"
EARLIEST, LATEST = date(2000, 1, 1), date(2999, 12, 30)


class ActivityFilterForm(forms.Form):
    """The activity page's filters, read from the query string. Invalid ones are reported next to
    their input and ignored; the valid ones still apply."""

    q = forms.CharField(
        required=False,
        max_length=100,
        label="Search",
        widget=forms.TextInput(attrs={"placeholder": "Name or reason", "type": "search"}),
    )
    actor = forms.CharField(
        required=False, label="Who", widget=forms.Select, validators=[RegexValidator(r"^(system|\d{1,18})$")]
    )
    action = forms.CharField(
        required=False, label="What", max_length=64, widget=forms.Select, validators=[RegexValidator(r"^[a-z0-9_]+$")]
    )
    since = forms.DateField(required=False, label="From", widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(required=False, label="To", widget=forms.DateInput(attrs={"type": "date"}))
    # Overrides are the guards passed on purpose, with a reason (over budget, over the weekly cap, …):
    # the actions declared with override=True.
    overrides = forms.BooleanField(required=False, label="Overrides only")
    object = forms.CharField(
        required=False,
        max_length=130,
        widget=forms.HiddenInput,
        validators=[RegexValidator(r"^[a-z0-9_]+\.[a-z0-9_]+:[A-Za-z0-9_-]{1,64}$")],
    )

    @classmethod
    def from_query(cls, query) -> "ActivityFilterForm":
        """Bind the query string; without a start date (and not following one object's history),
        the page shows the last 30 days rather than the whole history."""
        data = query.copy()
        if "since" not in data and not data.get("object"):
            data["since"] = (timezone.localdate() - timedelta(days=DEFAULT_PERIOD_DAYS - 1)).isoformat()
        form = cls(data)
        form.is_valid()
        return form

    def clean_since(self):
        return self._in_range(self.cleaned_data["since"])

    def clean_until(self):
        return self._in_range(self.cleaned_data["until"])

    def _in_range(self, value: date | None) -> date | None:
        if value is not None and not EARLIEST <= value <= LATEST:
            raise forms.ValidationError("Enter a date between 2000 and 2999.")
        return value

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", "The end date must be on or after the start date.")
        return cleaned

    def set_choices(self, *, actors: list[tuple[str, str]], actions: list[tuple[str, str]]) -> None:
        self.fields["actor"].widget.choices = [("", "Anyone"), *actors, (SYSTEM, "System (automatic)")]
        self.fields["action"].widget.choices = [("", "Anything"), *actions]

    def _value(self, name: str):
        return self.cleaned_data.get(name) if name not in self.errors else None

    def filters(self) -> EventFilters:
        since, until = self._value("since"), self._value("until")
        actor = self._value("actor") or ""
        object_type, _, object_id = (self._value("object") or "").partition(":")
        return EventFilters(
            since=_start_of(since) if since else None,
            until=_start_of(until + timedelta(days=1)) if until else None,
            actor_id=int(actor) if actor.isdigit() else None,
            system_only=actor == SYSTEM,
            action=self._value("action") or "",
            object_type=object_type,
            object_id=object_id,
            q=(self._value("q") or "").strip(),
            overrides_only=bool(self._value("overrides")),
        )


def _start_of(day: date) -> datetime:
    # Days begin at midnight in the viewer's time zone (activated by TimezoneMiddleware).
    return timezone.make_aware(datetime.combine(day, time.min))
