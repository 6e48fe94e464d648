from asgiref.sync import sync_to_async
from django.contrib.auth.backends import ModelBackend

from outsourcer.accounts import selectors, services
from outsourcer.accounts.models import User, normalize_email
from outsourcer.accounts.sessions import loading_user_of
from outsourcer.accounts.throttle import login_attempt_guard


class EmailBackend(ModelBackend):
    """Log in with e-mail (case-insensitive) and password, through the login throttle: every form
    that calls `authenticate` (accounts login, admin login) is counted and refused alike."""

    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        email = normalize_email(email or username or "")
        if not email or password is None:
            return None
        ip = login_attempt_guard(request, email)
        user = self._check(email, password)
        if user is None:
            services.login_failed(email=email, ip=ip, locked=False)
        else:
            services.login_succeeded(user=user, ip=ip)
        return user

    async def aauthenticate(self, request, username=None, password=None, email=None, **kwargs):
        # ModelBackend's async twin checks the password itself; route it through the throttle.
        return await sync_to_async(self.authenticate)(request, username=username, password=password, email=email)

    def get_user(self, user_id):
        # Every signed-in request: the user read with the session when Django loads the request's
        # user (accounts/sessions.py), else one hand-written statement (the ORM's compiling would
        # cost more than the lookup itself).
        try:
            user_id = int(user_id)
        except (TypeError, ValueError):
            return None
        store = loading_user_of.get()
        user = store.loaded_user(user_id) if store is not None else None
        if user is None:
            user = selectors.user_for_session(user_id=user_id)
        return user if user is not None and self.user_can_authenticate(user) else None

    def _check(self, email: str, password: str) -> User | None:
        user = User.objects.filter(email=email).first()
        if user is None:
            # Hash anyway so a missing account takes as long as a wrong password.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
