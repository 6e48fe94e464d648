"""Forms of reference checks (the organization's request, the referee's questionnaire) and of the
company checklist. Every field has a size limit; the services check every rule again."""

from django import forms
from django.conf import settings

from outsourcer.accounts.forms import NulFreeMixin
from outsourcer.hiring.models import CompanyCheckStatus
from outsourcer.hiring.services.company_checks import EVIDENCE_KINDS, MAX_NOTE, MAX_URL
from outsourcer.hiring.services.references import MAX_COMMENTS, MAX_MONTHS
from outsourcer.lib.errors import ServiceErrorsMixin
from outsourcer.lib.uploads import KINDS, size_text

SCORES = [("", "Choose…"), *[(str(n), label) for n, label in enumerate(
    ("1 · poor", "2 · below expectations", "3 · as expected", "4 · good", "5 · excellent"), start=1
)]]  # fmt: skip
HIRE_CHOICES = [("yes", "Yes"), ("no", "No")]
EVIDENCE_ACCEPT = ",".join(ext for kind in EVIDENCE_KINDS for ext in KINDS[kind][1])


class ReferenceRequestForm(ServiceErrorsMixin, NulFreeMixin, forms.Form):
    referee_name = forms.CharField(label="Referee's name", max_length=120)
    referee_email = forms.EmailField(label="Referee's e-mail", max_length=254)
    relationship = forms.CharField(
        max_length=200, help_text="How they know the contractor, e.g. “Client for two years at Bakery Brown”."
    )


def _score(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=SCORES,
        coerce=int,
        empty_value=None,
        error_messages={"required": "Choose a score from 1 (poor) to 5 (excellent)."},
    )


class ReferenceAnswerForm(ServiceErrorsMixin, NulFreeMixin, forms.Form):
    worked_together_months = forms.IntegerField(
        label="How many months did you work together?",
        min_value=0,
        max_value=MAX_MONTHS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text="An estimate is fine; 0 if less than a month.",
    )
    reliability = _score("Reliability: did they do what they said, when they said?")
    quality = _score("Quality of their work")
    communication = _score("Communication")
    would_hire_again = forms.ChoiceField(
        label="Would you work with them again?",
        choices=HIRE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether you would work with them again."},
    )
    comments = forms.CharField(
        required=False,
        max_length=MAX_COMMENTS,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=f"Optional, at most {MAX_COMMENTS:,} characters.",
    )

    def answers(self) -> dict:
        data = dict(self.cleaned_data)
        data["would_hire_again"] = data["would_hire_again"] == "yes"
        return data


class CompanyCheckForm(ServiceErrorsMixin, NulFreeMixin, forms.Form):
    status = forms.ChoiceField(choices=CompanyCheckStatus.choices)
    note = forms.CharField(required=False, max_length=MAX_NOTE, widget=forms.Textarea(attrs={"rows": 2}))
    evidence_url = forms.CharField(
        label="Evidence link", required=False, max_length=MAX_URL, help_text="e.g. the registry entry or the site."
    )
    evidence = forms.FileField(
        label="Evidence file",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": EVIDENCE_ACCEPT}),
    )
    remove_evidence = forms.BooleanField(label="Remove the evidence file", required=False)

    def __init__(self, *args, has_evidence: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].help_text = (
            f"PDF, PNG, JPEG or WebP, at most {size_text(settings.EVIDENCE_MAX_BYTES)}"
            + (": a new file replaces the current one." if has_evidence else ".")
        )
        if not has_evidence:
            del self.fields["remove_evidence"]

    @classmethod
    def initial_for(cls, check) -> dict:
        return {"status": check.status, "note": check.note, "evidence_url": check.evidence_url}
