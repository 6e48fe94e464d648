"""Forms for the contractor directory and the contractor portal.

Forms turn what people type (hours with decimals, "45.50", start/end times) into the shapes the
services take (minutes, cents, {"mon": ["09:00", "17:00"]}); the services do the real validation.
"""

from decimal import Decimal
from typing import Any

from django import forms

from outsourcer.accounts.forms import NulFreeMixin
from outsourcer.contractors.models import Contractor, Engagement, EngagementStatus
from outsourcer.contractors.profiles import WEBSITE_FIELD
from outsourcer.lib.durations import hours_to_minutes, minutes_to_hours
from outsourcer.lib.errors import DomainError, apply_to_form
from outsourcer.lib.money import MoneyError, amount_text, parse_amount
from outsourcer.lib.pickers import CurrencyField, TimeZoneField
from outsourcer.lib.timezones import WEEKDAY_LABELS, WEEKDAYS

TIER_ROWS = 3
ZONE_ASKED = (
    "Where do they work? Filled in with {organization}'s zone ({zone}): change it if they work elsewhere. "
    "Once they accept an invitation, they keep it up to date themselves."
)
_MAX_HOURS = Decimal(168)


def working_hours_initial(hours: dict[str, list[str]] | None) -> dict[str, str]:
    """{"mon": ["09:00", "17:00"]} → {"mon_start": "09:00", "mon_end": "17:00"} for the form's inputs."""
    initial = {}
    for day, (start, end) in (hours or {}).items():
        initial[f"{day}_start"], initial[f"{day}_end"] = start, end
    return initial


def _hours_field(label: str, help_text: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=0,
        max_value=_MAX_HOURS,
        max_digits=5,
        decimal_places=2,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"step": "0.25", "inputmode": "decimal"}),
        error_messages={"max_value": "A week has 168 hours.", "min_value": "Enter zero or more hours."},
    )


def _time_field(label: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=False,
        input_formats=["%H:%M", "%H:%M:%S"],
        widget=forms.TimeInput(attrs={"type": "time", "aria-label": label}, format="%H:%M"),
    )


def _notes_field() -> forms.CharField:
    return forms.CharField(
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Private notes",
        help_text="Only your organization sees these; the contractor never does.",
    )


class ProfileFieldsForm(NulFreeMixin, forms.Form):
    """The contractor profile fields shared by the organization's form and the portal's."""

    kind = forms.ChoiceField(choices=Contractor.Kind.choices, initial=Contractor.Kind.PERSON, widget=forms.RadioSelect)
    name = forms.CharField(max_length=120)
    company = forms.CharField(max_length=120, required=False)
    website = WEBSITE_FIELD
    skills = forms.CharField(
        max_length=500, required=False, help_text="Separated by commas, e.g. product photography, copywriting."
    )
    time_zone = TimeZoneField(initial="UTC")
    default_rate = forms.CharField(
        max_length=20,
        required=False,
        label="Default hourly rate",
        help_text="e.g. 45.50",
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    currency = CurrencyField()

    # Service field → the form field that produced it, so errors land next to the right input.
    service_fields = {
        "default_rate_cents": "default_rate",
        "volume_tiers": "tier_1_rate",
        "working_hours": "mon_start",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for day in WEEKDAYS:
            self.fields[f"{day}_start"] = _time_field(f"{WEEKDAY_LABELS[day]} from")
            self.fields[f"{day}_end"] = _time_field(f"{WEEKDAY_LABELS[day]} until")
        for n in range(1, TIER_ROWS + 1):
            hours_label, rate_label = f"Tier {n}: from hours a week", f"Tier {n}: hourly rate"
            self.fields[f"tier_{n}_hours"] = forms.IntegerField(
                label=hours_label,
                required=False,
                min_value=1,
                max_value=168,
                widget=forms.NumberInput(attrs={"aria-label": hours_label}),
            )
            self.fields[f"tier_{n}_rate"] = forms.CharField(
                label=rate_label,
                required=False,
                max_length=20,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "aria-label": rate_label}),
            )

    # Layout helpers for the templates: one row per weekday and per tier.
    def weekday_rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [(WEEKDAY_LABELS[day], self[f"{day}_start"], self[f"{day}_end"]) for day in WEEKDAYS]

    def tier_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"tier_{n}_hours"], self[f"tier_{n}_rate"]) for n in range(1, TIER_ROWS + 1)]

    def main_fields(self) -> list[forms.BoundField]:
        hidden = {f"{day}_{end}" for day in WEEKDAYS for end in ("start", "end")}
        hidden |= {f"tier_{n}_{part}" for n in range(1, TIER_ROWS + 1) for part in ("hours", "rate")}
        return [field for field in self.visible_fields() if field.name not in hidden]

    def clean(self):
        cleaned = super().clean()
        currency = cleaned.get("currency") or "EUR"
        self._rate_cents = self._parse_money("default_rate", currency, required=False)
        self._working_hours = self._clean_working_hours()
        self._tiers = self._clean_tiers(currency)
        return cleaned

    def _parse_money(self, name: str, currency: str, *, required: bool) -> int | None:
        text = (self.cleaned_data.get(name) or "").strip()
        if not text:
            return 0 if not required else None
        try:
            cents = parse_amount(text, currency)
        except MoneyError as exc:
            self.add_error(name, str(exc))
            return None
        if cents < 0:
            self.add_error(name, "Enter zero or more.")
            return None
        return cents

    def _clean_working_hours(self) -> dict[str, list[str]]:
        hours = {}
        for day in WEEKDAYS:
            start, end = self.cleaned_data.get(f"{day}_start"), self.cleaned_data.get(f"{day}_end")
            if start is None and end is None:
                continue
            if start is None or end is None:
                self.add_error(f"{day}_start" if start is None else f"{day}_end", "Give both a start and an end.")
            elif end <= start:
                self.add_error(f"{day}_end", "The end must be after the start.")
            else:
                hours[day] = [start.strftime("%H:%M"), end.strftime("%H:%M")]
        return hours

    def _clean_tiers(self, currency: str) -> list[dict[str, int]]:
        tiers = []
        for n in range(1, TIER_ROWS + 1):
            hours = self.cleaned_data.get(f"tier_{n}_hours")
            rate_text = (self.cleaned_data.get(f"tier_{n}_rate") or "").strip()
            if hours is None and not rate_text:
                continue
            if hours is None:
                if f"tier_{n}_hours" not in self.errors:
                    self.add_error(f"tier_{n}_hours", "From how many hours a week does this rate apply?")
                continue
            if not rate_text:
                self.add_error(f"tier_{n}_rate", "Enter the hourly rate for this tier.")
                continue
            rate = self._parse_money(f"tier_{n}_rate", currency, required=True)
            if rate is not None:
                tiers.append({"min_hours": hours, "rate_cents": rate})
        return tiers

    def profile(self) -> dict[str, Any]:
        """The cleaned profile in the shape `services.clean_profile` takes."""
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "name": data["name"],
            "company": data["company"],
            "website": data["website"],
            "skills": data["skills"],
            "time_zone": data["time_zone"],
            "working_hours": self._working_hours,
            "default_rate_cents": self._rate_cents,
            "currency": data["currency"],
            "volume_tiers": self._tiers,
        }

    def apply_service_error(self, error: DomainError) -> None:
        """Show a service error next to the input that produced it."""
        apply_to_form(self, error, rename=self.service_fields)

    @staticmethod
    def initial_for(contractor: Contractor) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "kind": contractor.kind,
            "name": contractor.name,
            "email": contractor.email,
            "company": contractor.company,
            "website": contractor.website,
            "skills": contractor.skills,
            "time_zone": contractor.time_zone,
            "currency": contractor.currency,
            "default_rate": amount_text(contractor.default_rate_cents, contractor.currency)
            if contractor.default_rate_cents
            else "",
        }
        initial.update(working_hours_initial(contractor.working_hours))
        for n, tier in enumerate(contractor.volume_tiers or [], start=1):
            if n > TIER_ROWS:
                break
            initial[f"tier_{n}_hours"] = tier["min_hours"]
            initial[f"tier_{n}_rate"] = amount_text(tier["rate_cents"], contractor.currency)
        return initial


class ContractorForm(ProfileFieldsForm):
    """The organization adds (or edits) a contractor it manages: profile plus the engagement."""

    field_order = [
        "kind",
        "name",
        "email",
        "company",
        "website",
        "skills",
        "time_zone",
        "capacity_hours",
        "default_rate",
        "currency",
        "status",
        "notes",
    ]
    email = forms.EmailField(max_length=254, required=False, label="E-mail", help_text="Needed to invite them.")
    capacity_hours = _hours_field("Weekly capacity for you (hours)", "How many hours a week they can work for you.")
    status = forms.ChoiceField(choices=EngagementStatus.choices, initial=EngagementStatus.PROSPECT)
    notes = _notes_field()

    service_fields = {
        **ProfileFieldsForm.service_fields,
        "weekly_capacity_minutes": "capacity_hours",
        "engagement_capacity_minutes": "capacity_hours",
    }

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            # The status moves through its own buttons (and the transition table) on the detail page.
            del self.fields["status"]

    def ask_time_zone(self, *, organization_name: str, zone: str) -> None:
        """A new contractor's zone is asked, not silently the organization's: the field starts at
        the organization's zone and says so."""
        self.fields["time_zone"].label = "Their time zone"
        self.fields["time_zone"].help_text = ZONE_ASKED.format(organization=organization_name, zone=zone)

    def profile(self) -> dict[str, Any]:
        return {
            **super().profile(),
            "email": self.cleaned_data["email"],
            "weekly_capacity_minutes": self.capacity_minutes(),
        }

    def capacity_minutes(self) -> int:
        return hours_to_minutes(self.cleaned_data["capacity_hours"])

    @staticmethod
    def initial_for_engagement(engagement: Engagement) -> dict[str, Any]:
        return {
            **ProfileFieldsForm.initial_for(engagement.contractor),
            "capacity_hours": minutes_to_hours(engagement.weekly_capacity_minutes),
            "notes": engagement.notes,
        }


class EngagementForm(NulFreeMixin, forms.Form):
    """What the organization may still change once the contractor manages their own profile."""

    capacity_hours = _hours_field("Weekly capacity for you (hours)", "How many hours a week they can work for you.")
    notes = _notes_field()

    def capacity_minutes(self) -> int:
        return hours_to_minutes(self.cleaned_data["capacity_hours"])

    def apply_service_error(self, error: DomainError) -> None:
        apply_to_form(self, error, rename=lambda field: "capacity_hours" if "capacity" in field else field)


class ContractorProfileForm(ProfileFieldsForm):
    """The contractor edits their own profile in the portal."""

    field_order = [
        "kind",
        "name",
        "company",
        "website",
        "skills",
        "time_zone",
        "total_capacity_hours",
        "default_rate",
        "currency",
    ]
    total_capacity_hours = _hours_field(
        "Total weekly capacity (hours)", "All the hours a week you want to work, across every client."
    )
    service_fields = {**ProfileFieldsForm.service_fields, "weekly_capacity_minutes": "total_capacity_hours"}

    def profile(self) -> dict[str, Any]:
        return {
            **super().profile(),
            "weekly_capacity_minutes": hours_to_minutes(self.cleaned_data["total_capacity_hours"]),
        }

    @staticmethod
    def initial_for(contractor: Contractor) -> dict[str, Any]:
        return {
            **ProfileFieldsForm.initial_for(contractor),
            "total_capacity_hours": minutes_to_hours(contractor.weekly_capacity_minutes),
        }


class CapacityForm(forms.Form):
    """The hours a week the contractor gives one organization."""

    hours = _hours_field("Hours a week for this client", "")

    def minutes(self) -> int:
        return hours_to_minutes(self.cleaned_data["hours"])


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=EngagementStatus.choices)


class InviteForm(NulFreeMixin, forms.Form):
    email = forms.EmailField(max_length=254, label="Their e-mail", required=False)


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="UTF-8, at most 2,000 rows and 1 MB.",
        error_messages={"empty": "The file is empty. Add a header row and one row per contractor."},
    )
