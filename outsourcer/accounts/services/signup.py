"""Sign-up that does not reveal which e-mail addresses have accounts.

Every valid sign-up answers the same page ("check your inbox"); what happens next is told to the
owner of the address, by e-mail: a new address gets a link that confirms it (the account and its
organization exist but cannot log in until then), an address that already has an account gets a
note saying so, with links to log in or reset the password. So only the address's owner learns
whether it had an account.
"""

from django.conf import settings
from django.contrib.auth import password_validation
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from outsourcer.accounts import events
from outsourcer.accounts.models import Invitation, Organization, User
from outsourcer.accounts.services.users import user_signup
from outsourcer.audit.events import event_record
from outsourcer.lib.errors import DomainError
from outsourcer.lib.validation import Errors
from outsourcer.notifications.email import email_send_on_commit

SIGNUP_SALT = "outsourcer.signup"
SIGNUP_MAX_AGE_SECONDS = 7 * 24 * 60 * 60


def signup_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=SIGNUP_SALT)


def signup_check(
    *, email: str, password: str, name: str, organization_name: str, currency: str, time_zone: str
) -> dict[str, str]:
    """Every problem with a sign-up at once (raises FieldErrors naming each field), else the cleaned
    values. The sign-up page asks it even when its own form found problems, so a weak password is
    not told only after the e-mail address is fixed."""
    errors = Errors()
    cleaned = {
        "name": errors.text(name, field="name", label="Your name", max_length=150),
        "email": errors.email(email),
        "organization_name": errors.text(
            organization_name, field="organization_name", label="Organization name", max_length=120
        ),
        "currency": errors.currency(currency),
        "time_zone": errors.time_zone(time_zone),
    }
    try:
        password_validation.validate_password(password, User(email=cleaned["email"], name=cleaned["name"]))
    except ValidationError as exc:
        errors.add("password", " ".join(exc.messages))
    errors.raise_if_any()
    return {**cleaned, "password": password}


def signup_request(
    *, email: str, password: str, name: str, organization_name: str, currency: str, time_zone: str
) -> None:
    """Start a sign-up: a new address gets an inactive account, its organization and a
    confirmation e-mail; an address with an account gets a note instead. Input errors raise
    DomainError the same way in both cases (checked before the address is looked up)."""
    cleaned = signup_check(
        email=email,
        password=password,
        name=name,
        organization_name=organization_name,
        currency=currency,
        time_zone=time_zone,
    )
    email = cleaned["email"]
    existing = User.objects.filter(email=email).first()
    if existing is not None and existing.is_active:
        User().set_password(password)  # as long as creating an account takes
        email_send_on_commit(
            to=email,
            subject="You already have an Outsourcer account",
            template="emails/signup_existing.txt",
            context={
                "user": existing,
                "login_url": settings.SITE_URL + reverse("accounts:login"),
                "reset_url": settings.SITE_URL + reverse("accounts:password-reset"),
            },
        )
        return
    if existing is None:
        try:
            with transaction.atomic():
                existing, _ = user_signup(**cleaned)
                existing.is_active = False
                existing.save(update_fields=["is_active"])
        except DomainError as exc:
            if exc.code != "email_taken":
                raise
            return  # created in parallel by another request: that one sends the e-mail
    link = settings.SITE_URL + reverse("accounts:signup-confirm", args=[signup_token(existing)])
    email_send_on_commit(
        to=email,
        subject="Confirm your Outsourcer account",
        template="emails/signup_confirm.txt",
        context={"user": existing, "url": link},
    )


def _token_data(token: str) -> dict | None:
    try:
        return signing.loads(token, salt=SIGNUP_SALT, max_age=SIGNUP_MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None


def signup_token_email(token: str) -> str | None:
    """The e-mail address a valid confirmation link names; None when forged or expired."""
    data = _token_data(token)
    return data.get("e") if data else None


def signup_confirm(token: str) -> tuple[User, Organization] | None:
    """Activate the account a confirmation link names; None when the link is forged or expired.
    Returns the account and the organization it owns (for the welcome page)."""
    data = _token_data(token)
    if data is None:
        return None
    user = User.objects.filter(pk=data.get("u"), email=data.get("e")).first()
    if user is None:
        return None
    with transaction.atomic():
        if User.objects.filter(pk=user.pk, is_active=False).update(is_active=True):
            event_record(action=events.USER_EMAIL_CONFIRMED, actor=user, obj=user)
    user.refresh_from_db()
    organization = Organization.objects.filter(memberships__user=user).order_by("pk").first()
    return user, organization


def signup_confirm_by_invitation(*, invitation: Invitation) -> bool:
    """An invitation link reaches the address's owner just as a confirmation link does: activate
    the unconfirmed sign-up of the invited address, so its owner can log in and accept. False when
    the address has no unconfirmed account (Outsourcer deactivates accounts for nothing else)."""
    with transaction.atomic():
        user = User.objects.select_for_update().filter(email=invitation.email, is_active=False).first()
        if user is None:
            return False
        user.is_active = True
        user.save(update_fields=["is_active"])
        event_record(action=events.USER_EMAIL_CONFIRMED, actor=user, obj=user)
    return True
