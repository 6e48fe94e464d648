"""Forms for feedback both ways: the organization's on accepted work, the contractor's rating of
the organization. Ratings are 1–5 radio buttons; the services check them again."""

from django import forms

from outsourcer.accounts.forms import NulFreeMixin
from outsourcer.lib.errors import ServiceErrorsMixin
from outsourcer.oversight.services.feedback import MAX_COMMENT

STARS = [(n, f"{n}") for n in range(1, 6)]


def _stars(label: str, help_text: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(choices=STARS, coerce=int, widget=forms.RadioSelect, label=label, help_text=help_text)


class FeedbackForm(ServiceErrorsMixin, NulFreeMixin, forms.Form):
    quality = _stars("Quality", "1 poor · 5 excellent")
    timeliness = _stars("Timeliness", "Was it ready when agreed?")
    communication = _stars("Communication", "Questions, updates, answers")
    comment = forms.CharField(
        required=False,
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The contractor reads this: what to keep doing, what to change.",
    )
    private_note = forms.CharField(
        required=False,
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Private note",
        help_text="Only your organization's members see this; never the contractor.",
    )


class OrganizationRatingForm(ServiceErrorsMixin, NulFreeMixin, forms.Form):
    brief_clarity = _stars("Brief clarity", "Did you know what was wanted?")
    responsiveness = _stars("Responsiveness", "Were your questions answered in time?")
    payment_timeliness = _stars("Payment timeliness", "Was the work paid or approved on time?")
    comment = forms.CharField(
        required=False,
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The organization sees only averages of three or more ratings, never who said what.",
    )
