"""Writes for accounts: create, sign up, profile."""

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from outsourcer.accounts.models import Membership, Organization, User
from outsourcer.accounts.roles import Role
from outsourcer.accounts.services.members import organization_create
from outsourcer.lib.errors import DomainError
from outsourcer.lib.validation import Errors

EMAIL_TAKEN = "An account with this e-mail already exists. Log in instead."


def user_create(*, email: str, password: str, name: str = "", time_zone: str = "UTC") -> User:
    """Create an account; raises DomainError when the e-mail is taken or the password is weak."""
    errors = Errors()
    email = errors.email(email)
    name = errors.text(name, field="name", label="Name", max_length=150, required=False)
    errors.raise_if_any()
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


def user_signup(
    *, email: str, password: str, name: str, organization_name: str, currency: str, time_zone: str
) -> tuple[User, Organization]:
    """Sign up: a new account that owns a new organization, in one transaction. The account's time
    zone is the organization's: the owner works where the business does until they say otherwise."""
    errors = Errors()
    organization_name = errors.text(
        organization_name, field="organization_name", label="Organization name", max_length=120
    )
    time_zone = errors.time_zone(time_zone)
    errors.raise_if_any()
    with transaction.atomic():
        user = user_create(email=email, password=password, name=name, time_zone=time_zone)
        organization = organization_create(owner=user, name=organization_name, currency=currency, time_zone=time_zone)
    return user, organization


def user_profile_update(*, user: User, name: str, time_zone: str) -> User:
    errors = Errors()
    user.name = errors.text(name, field="name", label="Name", max_length=150, required=False)
    user.time_zone = errors.time_zone(time_zone)
    errors.raise_if_any()
    user.save(update_fields=["name", "time_zone"])
    return user


def membership_budget_alerts_set(*, user: User, enabled_ids: set[int]) -> int:
    """The user's own choice: budget alerts on for their owner and manager memberships in
    `enabled_ids`, off for the rest (ids that are not theirs are ignored). Returns how many changed."""
    mine = Membership.objects.filter(user=user, role__in=[Role.OWNER, Role.MANAGER])
    turned_on = mine.filter(pk__in=enabled_ids, budget_alerts=False).update(budget_alerts=True)
    turned_off = mine.exclude(pk__in=enabled_ids).filter(budget_alerts=True).update(budget_alerts=False)
    return turned_on + turned_off
