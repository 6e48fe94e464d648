"""Every write for contractors and engagements."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils import timezone

from outsourcer.accounts.models import Invitation, Organization, User, normalize_email
from outsourcer.accounts.services import _claim_invitation, invitation_url, user_create
from outsourcer.audit.events import event_record
from outsourcer.contractors.flows import ENGAGEMENT_TRANSITIONS, ILLEGAL_TRANSITION
from outsourcer.contractors.merge import contractor_merge
from outsourcer.contractors.models import Contractor, Engagement, EngagementStatus
from outsourcer.lib.currencies import is_currency
from outsourcer.lib.errors import DomainError, FieldErrors
from outsourcer.lib.text import has_nul, normalize_skills
from outsourcer.lib.timezones import WorkingHoursError, clean_working_hours, is_time_zone
from outsourcer.notifications.email import email_send_on_commit

PROFILE_FIELDS = (
    "kind", "name", "email", "company", "website", "skills", "time_zone", "working_hours",
    "weekly_capacity_minutes", "default_rate_cents", "currency", "volume_tiers",
)  # fmt: skip
MAX_WEEK_MINUTES = 168 * 60
_TEXT_LIMITS = {"name": 120, "company": 120, "website": 300, "skills": 500, "email": 254}


def clean_profile(data: dict[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """Validate contractor profile fields; returns cleaned values or raises FieldErrors with every
    problem at once. With `partial`, absent fields are left out rather than required."""
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {}
    for field in PROFILE_FIELDS:
        if field not in data:
            if field == "name" and not partial:
                errors["name"] = "Name is required."
            continue
        value = data[field]
        if isinstance(value, str):
            if has_nul(value):
                errors[field] = "Contains a character that is not allowed."
                continue
            value = value.strip()
        if field in _TEXT_LIMITS and value is not None and len(str(value)) > _TEXT_LIMITS[field]:
            errors[field] = f"At most {_TEXT_LIMITS[field]} characters."
            continue
        if field == "name" and not value:
            errors[field] = "Name is required."
        elif field == "kind" and value not in Contractor.Kind.values:
            errors[field] = "Choose person or company."
        elif field == "email" and value:
            try:
                validate_email(value)
                value = normalize_email(value)
            except ValidationError:
                errors[field] = "Enter a valid e-mail address."
        elif field == "website" and value:
            try:
                URLValidator(schemes=["http", "https"])(value)
            except ValidationError:
                errors[field] = "Enter a full web address starting with https://."
        elif field == "skills":
            value = normalize_skills(value or "")
            if len(value) > _TEXT_LIMITS["skills"]:
                errors[field] = "At most 500 characters of skills."
        elif field == "time_zone" and not is_time_zone(value or ""):
            errors[field] = "Choose an IANA time zone such as Europe/Berlin or America/New_York."
        elif field == "working_hours":
            try:
                value = clean_working_hours(value)
            except WorkingHoursError as exc:
                errors[field] = str(exc)
        elif field == "weekly_capacity_minutes":
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_WEEK_MINUTES:
                errors[field] = "Weekly capacity is between 0 and 168 hours."
        elif field == "default_rate_cents":
            if not isinstance(value, int) or isinstance(value, bool) or value < 0 or value > 10**12:
                errors[field] = "The rate must be zero or more."
        elif field == "currency":
            value = (value or "").upper()
            if not is_currency(value):
                errors[field] = "Use an ISO 4217 currency code such as EUR or USD."
        elif field == "volume_tiers":
            value, problem = _clean_tiers(value)
            if problem:
                errors[field] = problem
        cleaned[field] = value
    if errors:
        raise FieldErrors(errors)
    return cleaned


def _clean_tiers(value: Any) -> tuple[list[dict[str, int]], str]:
    if value in (None, ""):
        return [], ""
    if not isinstance(value, list):
        return [], "Volume tiers are a list of {min_hours, rate_cents}."
    tiers = []
    for tier in value:
        if not isinstance(tier, dict):
            return [], "Each volume tier needs min_hours and rate_cents."
        hours, rate = tier.get("min_hours"), tier.get("rate_cents")
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (hours, rate)):
            return [], "Each volume tier needs whole-number min_hours and rate_cents."
        if not (0 < hours <= 168) or rate < 0:
            return [], "Tier hours are between 1 and 168 and rates are zero or more."
        tiers.append({"min_hours": hours, "rate_cents": rate})
    tiers.sort(key=lambda t: t["min_hours"])
    if len({t["min_hours"] for t in tiers}) != len(tiers):
        return [], "Two volume tiers start at the same number of hours."
    return tiers, ""


def _engagement_capacity(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_WEEK_MINUTES:
        raise FieldErrors({"engagement_capacity_minutes": "Weekly capacity is between 0 and 168 hours."})
    return value


def _profile_snapshot(contractor: Contractor) -> dict[str, Any]:
    return {field: getattr(contractor, field) for field in PROFILE_FIELDS}


def contractor_create(
    *,
    organization: Organization,
    actor: User,
    profile: dict[str, Any],
    notes: str = "",
    status: str = EngagementStatus.PROSPECT,
    engagement_capacity_minutes: int | None = None,
) -> Engagement:
    """Add a contractor record (a prospect without an account) and the organization's engagement."""
    cleaned = clean_profile(profile)
    if status not in EngagementStatus.values:
        raise FieldErrors({"status": "Choose a valid status."})
    if has_nul(notes) or len(notes) > 10_000:
        raise FieldErrors({"notes": "Notes are at most 10,000 characters of plain text."})
    capacity = _engagement_capacity(
        cleaned.get("weekly_capacity_minutes", 0)
        if engagement_capacity_minutes is None
        else engagement_capacity_minutes
    )
    with transaction.atomic():
        contractor = Contractor.objects.create(created_by_organization=organization, **cleaned)
        engagement = Engagement.objects.create(
            organization=organization, contractor=contractor, status=status, notes=notes.strip(),
            weekly_capacity_minutes=capacity,
        )  # fmt: skip
        event_record(
            action="contractor_added", organization=organization, actor=actor, obj=engagement,
            after={"name": contractor.name, "status": status},
        )  # fmt: skip
    return engagement


def contractor_update(
    *,
    engagement: Engagement,
    actor: User,
    profile: dict[str, Any] | None = None,
    notes: str | None = None,
    engagement_capacity_minutes: int | None = None,
) -> Engagement:
    """Edit an engagement, and the contractor's profile while it is still the organization's own
    prospect record. Once the contractor has an account, the profile is theirs alone."""
    contractor = engagement.contractor
    profile = profile or {}
    if profile and contractor.has_account:
        raise DomainError(
            "This contractor manages their own profile. You can change your notes, status and capacity.",
            code="profile_owned_by_contractor",
        )
    cleaned = clean_profile(profile, partial=True) if profile else {}
    if notes is not None and (has_nul(notes) or len(notes) > 10_000):
        raise FieldErrors({"notes": "Notes are at most 10,000 characters of plain text."})
    with transaction.atomic():
        before = _profile_snapshot(contractor)
        for field, value in cleaned.items():
            setattr(contractor, field, value)
        if cleaned:
            contractor.save()
        changed = ["updated_at"]
        if notes is not None:
            engagement.notes = notes.strip()
            changed.append("notes")
        if engagement_capacity_minutes is not None:
            engagement.weekly_capacity_minutes = _engagement_capacity(engagement_capacity_minutes)
            changed.append("weekly_capacity_minutes")
        engagement.save(update_fields=changed)
        after = _profile_snapshot(contractor)
        event_record(
            action="contractor_updated", organization=engagement.organization, actor=actor, obj=engagement,
            before={k: v for k, v in before.items() if after[k] != v},
            after={k: v for k, v in after.items() if before[k] != v},
        )  # fmt: skip
    return engagement


def engagement_status_change(*, engagement: Engagement, actor: User, status: str) -> Engagement:
    """Move the engagement through the transition table; illegal moves raise DomainError."""
    with transaction.atomic():
        locked = Engagement.objects.select_for_update().select_related("contractor").get(pk=engagement.pk)
        if status not in ENGAGEMENT_TRANSITIONS.get(locked.status, frozenset()):
            raise DomainError(
                ILLEGAL_TRANSITION.format(current=locked.get_status_display(), target=status),
                field="status", code="illegal_transition",
            )  # fmt: skip
        before = locked.status
        locked.status = status
        locked.status_changed_at = timezone.now()
        locked.save(update_fields=["status", "status_changed_at", "updated_at"])
        event_record(
            action="engagement_status_changed", organization=locked.organization, actor=actor, obj=locked,
            before={"status": before}, after={"status": status},
        )  # fmt: skip
    return locked


def contractor_invite(*, engagement: Engagement, actor: User, email: str | None = None) -> Invitation:
    """Invite the contractor to create an account (or link their existing one) for this organization."""
    contractor = engagement.contractor
    if contractor.has_account:
        raise DomainError(f"{contractor.name} already has an account.", code="already_has_account")
    address = normalize_email(email or contractor.email)
    try:
        validate_email(address)
    except ValidationError:
        raise FieldErrors({"email": "Enter the contractor's e-mail address first."}) from None
    organization = engagement.organization
    with transaction.atomic():
        Invitation.objects.filter(engagement=engagement, accepted_at=None, revoked_at=None).update(
            revoked_at=timezone.now()
        )
        if contractor.email != address:
            contractor.email = address
            contractor.save(update_fields=["email", "updated_at"])
        invitation = Invitation.objects.create(
            organization=organization, kind=Invitation.Kind.CONTRACTOR, email=address, engagement=engagement,
            invited_by=actor,
        )  # fmt: skip
        event_record(
            action="contractor_invited", organization=organization, actor=actor, obj=engagement,
            after={"email": address},
        )  # fmt: skip
        email_send_on_commit(
            to=address,
            subject=f"{organization.name} invites you to work with them on Outsourcer",
            template="emails/contractor_invitation.txt",
            context={"invitation": invitation, "url": invitation_url(invitation), "inviter": actor,
                     "organization": organization, "contractor": contractor},
        )  # fmt: skip
    return invitation


def contractor_invitation_accept(
    *, invitation: Invitation, user: User | None = None, password: str = "", name: str = ""
) -> Contractor:
    """Accept a contractor invitation. An account that already has a contractor profile is linked
    (the organization's record merges into it, never duplicated); otherwise the record becomes
    the new account's profile. Without `user`, an account is created with `password`."""
    engagement = invitation.engagement
    placeholder = engagement.contractor
    with transaction.atomic():
        if user is None:
            user = user_create(email=invitation.email, password=password, name=name or placeholder.name)
        elif user.email != invitation.email:
            raise DomainError(f"This invitation is for {invitation.email}. Log in with that address.", field="email")
        _claim_invitation(invitation, user)
        existing = Contractor.objects.select_for_update().filter(user=user).first()
        if existing is None:
            placeholder.user = user
            placeholder.email = user.email
            placeholder.save(update_fields=["user", "email", "updated_at"])
            contractor = placeholder
        elif existing.pk == placeholder.pk:
            contractor = existing
        else:
            if Engagement.objects.filter(organization=engagement.organization, contractor=existing).exists():
                raise DomainError("You already work with this organization.", code="already_engaged")
            contractor_merge(merged=placeholder, into=existing)
            contractor = existing
        event_record(
            action="contractor_joined", organization=invitation.organization, actor=user, obj=engagement,
            after={"user": user.email},
        )  # fmt: skip
    return contractor


def contractor_profile_update(*, contractor: Contractor, actor: User, profile: dict[str, Any]) -> Contractor:
    """The contractor edits their own profile (time zone, working hours, capacity, skills, rates)."""
    profile = {k: v for k, v in profile.items() if k != "email"}
    cleaned = clean_profile(profile, partial=True)
    with transaction.atomic():
        before = _profile_snapshot(contractor)
        for field, value in cleaned.items():
            setattr(contractor, field, value)
        contractor.save()
        after = _profile_snapshot(contractor)
        changes_before = {k: v for k, v in before.items() if after[k] != v}
        changes_after = {k: v for k, v in after.items() if before[k] != v}
        # Each organization that engages them sees the change in its own activity log.
        for engagement in contractor.engagements.select_related("organization"):
            event_record(
                action="contractor_profile_updated", organization=engagement.organization, actor=actor,
                obj=engagement, before=changes_before, after=changes_after,
            )  # fmt: skip
    return contractor


def engagement_capacity_set(*, engagement: Engagement, actor: User, minutes: int) -> Engagement:
    """The contractor sets how much of their week this organization may plan with."""
    minutes = _engagement_capacity(minutes)
    with transaction.atomic():
        before = engagement.weekly_capacity_minutes
        engagement.weekly_capacity_minutes = minutes
        engagement.save(update_fields=["weekly_capacity_minutes", "updated_at"])
        event_record(
            action="engagement_capacity_changed", organization=engagement.organization, actor=actor,
            obj=engagement, before={"weekly_capacity_minutes": before}, after={"weekly_capacity_minutes": minutes},
        )  # fmt: skip
    return engagement
