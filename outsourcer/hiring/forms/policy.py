"""The vetting policy form: how many scored interviews and received references, and whether the
company checklist must be verified, before work is awarded without an override."""

from django import forms

from outsourcer.hiring.services.policy import MAX_REQUIRED
from outsourcer.lib.errors import ServiceErrorsMixin


class VettingPolicyForm(ServiceErrorsMixin, forms.Form):
    min_interviews = forms.IntegerField(
        label="Interviews with a scorecard", min_value=0, max_value=MAX_REQUIRED, help_text="0 asks for none."
    )
    min_references = forms.IntegerField(
        label="References received", min_value=0, max_value=MAX_REQUIRED, help_text="0 asks for none."
    )
    require_company_checks = forms.BooleanField(
        label="Every company-checklist item verified",
        required=False,
        help_text="Registration, website, portfolio, insurance and tax documents.",
    )
