from django import forms

from outsourcer.accounts.roles import Role
from outsourcer.lib.pickers import CurrencyField, TimeZoneField
from outsourcer.lib.plain_text import strip_controls
from outsourcer.lib.text import has_nul


class NulFreeMixin:
    """Reject NUL characters in every text input (PostgreSQL cannot store them), and strip control
    characters (CR/LF, bidi controls, …) from text inputs: all of them from single-line inputs,
    all but line breaks and tabs from text areas (outsourcer/lib/plain_text.py). Passwords are
    left exactly as typed."""

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, str) and has_nul(value):
                self.add_error(name, "This contains a character that is not allowed.")
            elif isinstance(value, str) and name in self.fields:
                widget = self.fields[name].widget
                if not isinstance(widget, forms.PasswordInput):
                    stripped = strip_controls(value, multiline=isinstance(widget, forms.Textarea))
                    if stripped != value:
                        cleaned[name] = stripped.strip()
        return cleaned


def new_password_field(help_text: str) -> forms.CharField:
    return forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        min_length=10,
        max_length=128,
        help_text=help_text,
    )


class SignupForm(NulFreeMixin, forms.Form):
    name = forms.CharField(max_length=150, label="Your name")
    email = forms.EmailField(max_length=254, label="E-mail")
    password = new_password_field("At least 10 characters; not a common password.")
    organization_name = forms.CharField(max_length=120, label="Your business", help_text="e.g. Crumb & Co. Bakery")
    currency = CurrencyField(initial="", help_text="New budgets and contracts start in this currency.")
    time_zone = TimeZoneField(
        attrs={"data-guess": "time-zone"}, help_text="Where your business works: deadlines and reports use it."
    )


class LoginForm(NulFreeMixin, forms.Form):
    email = forms.EmailField(max_length=254, label="E-mail", widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password = forms.CharField(max_length=128, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class InviteMemberForm(NulFreeMixin, forms.Form):
    email = forms.EmailField(max_length=254, label="E-mail")
    role = forms.ChoiceField(choices=Role.choices, initial=Role.MANAGER)


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)


class OrganizationForm(NulFreeMixin, forms.Form):
    name = forms.CharField(max_length=120, label="Organization name")
    currency = CurrencyField(help_text="New budgets and contracts start in this currency.")
    time_zone = TimeZoneField(
        initial="UTC",
        attrs={"data-guess": "time-zone"},
        help_text="Where the business works: deadlines and reports use it.",
    )


class MemberFilterForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=100,
        label="Search",
        widget=forms.TextInput(attrs={"placeholder": "Name or e-mail", "type": "search"}),
    )
    role = forms.ChoiceField(required=False, choices=[("", "Any role"), *Role.choices])


class AcceptInvitationForm(NulFreeMixin, forms.Form):
    """For someone without an account yet: pick a name and password."""

    name = forms.CharField(max_length=150, label="Your name")
    password = new_password_field("At least 10 characters.")


class ProfileForm(NulFreeMixin, forms.Form):
    name = forms.CharField(max_length=150, required=False)
    time_zone = TimeZoneField(help_text="Times are shown in this zone.")


class TokenForm(NulFreeMixin, forms.Form):
    name = forms.CharField(max_length=80, help_text="What will use it, e.g. “bookkeeping export”.")
    scope = forms.ChoiceField(label="Works with")

    def __init__(self, *args, scopes: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = scopes
