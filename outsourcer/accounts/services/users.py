"""Writes for accounts: create, sign up, profile."""

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from outsourcer.accounts.models import Organization, User
from outsourcer.accounts.services._clean import _clean_email, _clean_text, _clean_time_zone
from outsourcer.accounts.services.members import organization_create
from outsourcer.lib.errors import DomainError

EMAIL_TAKEN = "An account with this e-mail already exists. Log in instead."


def user_create(*, email: str, password: str, name: str = "", time_zone: str = "UTC") -> User:
    """Create an account; raises DomainError when the e-mail is taken or the password is weak."""
    email = _clean_email(email)
    name = _clean_text(name, field="name", label="Name", max_length=150, required=False)
    if User.objects.filter(email=email).exists():
        raise DomainError(EMAIL_TAKEN, field="email", code="email_taken")
    candidate = User(email=email, name=name, time_zone=time_zone)
    try:
        password_validation.validate_password(password, candidate)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field="password") from None
    candidate.set_password(password)
    try:
        with transaction.atomic():
            candidate.save()
    except IntegrityError:
        raise DomainError(EMAIL_TAKEN, field="email", code="email_taken") from None
    return candidate


def user_signup(*, email: str, password: str, name: str, organization_name: str) -> tuple[User, Organization]:
    """Sign up: a new account that owns a new organization, in one transaction."""
    organization_name = _clean_text(
        organization_name, field="organization_name", label="Organization name", max_length=120
    )
    with transaction.atomic():
        user = user_create(email=email, password=password, name=name)
        organization = organization_create(owner=user, name=organization_name)
    return user, organization


def user_profile_update(*, user: User, name: str, time_zone: str) -> User:
    user.name = _clean_text(name, field="name", label="Name", max_length=150, required=False)
    user.time_zone = _clean_time_zone(time_zone)
    user.save(update_fields=["name", "time_zone"])
    return user
