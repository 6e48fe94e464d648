"""Password change and reset pages: Django's views with three additions — the reset e-mail's link
is built from SITE_URL (never the request's Host header), reset requests are throttled per client
address and per e-mail, and both forms offer to revoke the account's API tokens."""

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views

from outsourcer.accounts import events
from outsourcer.accounts.forms import NulFreeMixin
from outsourcer.accounts.services import user_password_changed
from outsourcer.accounts.throttle import account_request_reserve
from outsourcer.audit.events import Action

TOO_MANY_REQUESTS = "Too many requests for now. Try again in an hour."
REVOKE_LABEL = "Also revoke my API tokens"
REVOKE_HELP = "Tools that use them stop working until you create new tokens."


class PasswordChangeForm(NulFreeMixin, auth_forms.PasswordChangeForm):
    revoke_api_tokens = forms.BooleanField(required=False, label=REVOKE_LABEL, help_text=REVOKE_HELP)


class SetPasswordForm(NulFreeMixin, auth_forms.SetPasswordForm):
    # On by default: a reset often means someone else may know the old password.
    revoke_api_tokens = forms.BooleanField(required=False, initial=True, label=REVOKE_LABEL, help_text=REVOKE_HELP)


class RecordsPasswordChangeMixin:
    """After Django saves the new password, record it (as `how`) and revoke tokens if asked."""

    how: Action

    def form_valid(self, form):
        response = super().form_valid(form)
        user_password_changed(user=form.user, how=self.how, revoke_api_tokens=form.cleaned_data["revoke_api_tokens"])
        return response


class PasswordChangeView(RecordsPasswordChangeMixin, auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    how = events.PASSWORD_CHANGED


class PasswordResetConfirmView(RecordsPasswordChangeMixin, auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    how = events.PASSWORD_RESET


class PasswordResetView(auth_views.PasswordResetView):
    def form_valid(self, form):
        if not account_request_reserve(self.request, kind="password_reset", email=form.cleaned_data["email"]):
            form.add_error(None, TOO_MANY_REQUESTS)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        # The link's host comes from configuration: a Host header is the requester's to choose.
        self.extra_email_context = {"site_url": settings.SITE_URL}
        return super().form_valid(form)
