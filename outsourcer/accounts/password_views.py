"""Password change and reset pages: Django's views with three additions — the reset e-mail is sent
like every other e-mail (notifications.email: link built from SITE_URL, never the request's Host
header; text and HTML parts), reset requests are throttled per client address and per e-mail, and
both forms offer to revoke the account's API tokens."""

import logging

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views

from outsourcer.accounts import events
from outsourcer.accounts.forms import NulFreeMixin
from outsourcer.accounts.services import user_password_changed
from outsourcer.accounts.throttle import account_request_reserve
from outsourcer.audit.events import Action
from outsourcer.notifications.email import email_message, email_text

logger = logging.getLogger(__name__)

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


class PasswordResetForm(auth_forms.PasswordResetForm):
    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        subject = "".join(email_text(subject_template_name, context).splitlines())
        message = email_message(to=to_email, subject=subject, template=email_template_name, context=context)
        try:
            message.send()
        except Exception:  # as Django does: the page must not tell whether the address has an account
            logger.exception("Failed to send password reset email to %s", context["user"].pk)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm

    def form_valid(self, form):
        if not account_request_reserve(self.request, kind="password_reset", email=form.cleaned_data["email"]):
            form.add_error(None, TOO_MANY_REQUESTS)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)
