import secrets
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from outsourcer.accounts.roles import Role


class UserManager(BaseUserManager):
    def create_user(self, email: str, password: str | None = None, **fields):
        user = self.model(email=normalize_email(email), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, email: str):
        return self.get(email=normalize_email(email))


def normalize_email(email: str) -> str:
    # E-mail is the login and is compared case-insensitively: store it lower-cased once.
    return (email or "").strip().lower()


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(max_length=254, unique=True)
    name = models.CharField(max_length=150, blank=True)
    time_zone = models.CharField(max_length=64, default="UTC")
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.name or self.email

    @property
    def display_name(self) -> str:
        return self.name or self.email


class Session(AbstractBaseSession):
    # Django's session row with the signed-in user's id beside the data, so that the session engine
    # (accounts/sessions.py) reads the session and its user in one statement. Only a hint: the user
    # is still the one the session's data names, checked by Django (docs/performance.md). No
    # database constraint: a session saved after its user was deleted joins no user (signed out).
    user = models.ForeignKey(User, null=True, on_delete=models.CASCADE, db_constraint=False, related_name="+")

    @classmethod
    def get_session_store_class(cls):
        from outsourcer.accounts.sessions import SessionStore

        return SessionStore


class Organization(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=60, unique=True)
    currency = models.CharField(max_length=3, default="EUR")
    time_zone = models.CharField(max_length=64, default="UTC")
    created_at = models.DateTimeField(default=timezone.now)
    # Set by `organization_close`: an organization with money history is closed (read-only, no
    # members) instead of deleted, because its ledger is kept (docs/money.md).
    closed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class Membership(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices)
    # The member's own choice: owners get every budget's alerts, managers those of the budgets
    # whose contracts they run (budgets/jobs.py); viewers none.
    budget_alerts = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="membership_unique"),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="membership_role_valid"),
        ]
        indexes = [models.Index(fields=["user", "organization"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.organization} ({self.role})"


def invitation_default_expiry():
    return timezone.now() + timedelta(days=7)


class Invitation(models.Model):
    """An invitation to join an organization as a member, or (with `engagement`) as its contractor."""

    class Kind(models.TextChoices):
        MEMBER = "member", "Member"
        CONTRACTOR = "contractor", "Contractor"

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="invitations")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.MEMBER)
    email = models.EmailField(max_length=254)
    role = models.CharField(max_length=10, choices=Role.choices, blank=True)
    engagement = models.ForeignKey(
        "contractors.Engagement", null=True, blank=True, on_delete=models.CASCADE, related_name="invitations"
    )
    invited_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    nonce = models.CharField(max_length=43, unique=True, default=secrets.token_urlsafe)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(default=invitation_default_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            # A member invitation names a role; a contractor invitation names the engagement instead.
            models.CheckConstraint(
                condition=Q(kind="member", role__in=Role.values, engagement__isnull=True)
                | Q(kind="contractor", role="", engagement__isnull=False),
                name="invitation_kind_fields",
            ),
            models.CheckConstraint(
                condition=Q(accepted_by__isnull=True) | Q(accepted_at__isnull=False), name="invitation_accepted_by_at"
            ),
        ]
        indexes = [models.Index(fields=["organization", "email"])]

    def __str__(self) -> str:
        return f"Invitation for {self.email} to {self.organization}"

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > timezone.now()


class ApiToken(models.Model):
    """A personal API token; only its SHA-256 digest is stored. Scoped to one organization, or
    to the user's contractor portal when `organization` is empty."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=80)
    prefix = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class LoginThrottle(models.Model):
    """Failed-login counter for one (account, client address) pair; see docs/security.md."""

    key = models.CharField(max_length=400, unique=True)
    attempts = models.PositiveIntegerField(default=0)
    window_started_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.key
