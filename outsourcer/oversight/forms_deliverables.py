"""Forms of hand-overs and reviews: the contractor's hand-over (files, links, a note, for the
task or one of its milestones), the review decision, and the Reviews list's filters."""

from typing import Any

from django import forms

from outsourcer.accounts.forms import NulFreeMixin
from outsourcer.lib.errors import ServiceErrorsMixin
from outsourcer.lib.uploads import KINDS, size_text
from outsourcer.oversight.models import ChangeReason
from outsourcer.oversight.selectors.deliverables import ALL, STATUS_FILTERS
from outsourcer.oversight.services.deliverables import DELIVERABLE_KINDS, MAX_FILES, MAX_NOTE, deliverable_max_bytes

WHOLE_TASK = ""


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one name; the list may be empty (links alone are a hand-over too)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None) -> list:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


def kinds_help() -> str:
    labels = ", ".join(KINDS[kind][0] for kind in DELIVERABLE_KINDS)
    return f"Up to {MAX_FILES} files, each at most {size_text(deliverable_max_bytes())}: {labels}."


class HandOverForm(NulFreeMixin, ServiceErrorsMixin, forms.Form):
    milestone = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, label="For")
    note = forms.CharField(
        label="Note", required=False, max_length=MAX_NOTE, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What you hand over, and anything the reviewer should know.",
    )  # fmt: skip
    links = forms.CharField(
        label="Links", required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One web address a line (https://…): a shared folder, a design file, a repository.",
    )  # fmt: skip
    files = MultipleFileField(label="Files", required=False)

    def __init__(self, *args, milestones: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["milestone"].choices = [(WHOLE_TASK, "The whole task"), *milestones]
        self.fields["files"].help_text = kinds_help()
        if not milestones:
            self.fields["milestone"].widget = forms.HiddenInput()


class ReviewForm(NulFreeMixin, ServiceErrorsMixin, forms.Form):
    decision = forms.ChoiceField(
        choices=[("accept", "Accept"), ("changes", "Request changes")], widget=forms.HiddenInput()
    )
    reasons = forms.MultipleChoiceField(
        label="What needs to change", required=False, choices=ChangeReason.choices,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    comment = forms.CharField(
        label="Comment", required=False, max_length=5_000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required when you ask for changes: say what should change.",
    )  # fmt: skip


class ReviewFilterForm(forms.Form):
    status = forms.ChoiceField(required=False, choices=STATUS_FILTERS, initial=ALL)
    contractor = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, label="Contractor")

    def __init__(self, *args, contractors: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contractor"].choices = [("", "Every contractor"), *contractors]

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {"status": ALL, "contractor_id": None}
        return {"status": self.cleaned_data["status"] or ALL, "contractor_id": self.cleaned_data["contractor"]}
