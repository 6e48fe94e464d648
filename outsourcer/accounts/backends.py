from django.contrib.auth.backends import ModelBackend

from outsourcer.accounts.models import User, normalize_email


class EmailBackend(ModelBackend):
    """Log in with e-mail (case-insensitive) and password."""

    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        email = normalize_email(email or username or "")
        if not email or password is None:
            return None
        user = User.objects.filter(email=email).first()
        if user is None:
            # Hash anyway so a missing account takes as long as a wrong password.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
