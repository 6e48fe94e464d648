"""The one message form of every thread (a task's, a bidder's on a job)."""

from django import forms

from outsourcer.accounts.forms import NulFreeMixin
from outsourcer.lib.errors import ServiceErrorsMixin
from outsourcer.messaging.rules import ATTACHMENT_MAX_BYTES, MAX_BODY


class MessageForm(NulFreeMixin, ServiceErrorsMixin, forms.Form):
    """Text and/or one attachment; `urgent` only for the organization (`for_contractor` drops it)."""

    body = forms.CharField(
        label="Message", max_length=MAX_BODY, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    attachment = forms.FileField(
        label="Attachment",
        required=False,
        help_text=f"PDF, PNG, JPEG or WebP, up to {ATTACHMENT_MAX_BYTES // (1024 * 1024)} MB.",
    )
    urgent = forms.BooleanField(
        label="Urgent: deliver now, even outside their working hours", required=False, initial=False
    )

    def __init__(self, *args, for_contractor: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if for_contractor:
            self.fields.pop("urgent")

    def post_kwargs(self) -> dict:
        """The cleaned fields as message_post's keyword arguments."""
        data = self.cleaned_data
        return {"body": data["body"], "attachment": data.get("attachment"), "urgent": data.get("urgent", False)}
