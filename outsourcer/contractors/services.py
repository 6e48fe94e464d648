"""Every write for contractors and engagements."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from outsourcer.accounts.models import Invitation, Organization, User
from outsourcer.accounts.services import invitation_claim, invitation_url, member_invitation_accept, user_create
from outsourcer.audit.events import event_record
from outsourcer.contractors import events
from outsourcer.contractors.flows import ENGAGEMENT_FLOW
from outsourcer.contractors.merge import contractor_merge
from outsourcer.contractors.models import Contractor, Engagement, EngagementStatus
from outsourcer.lib.errors import DomainError
from outsourcer.lib.limits import MAX_WEEK_HOURS, MAX_WEEK_MINUTES
from outsourcer.lib.text import has_nul, normalize_skills
from outsourcer.lib.timezones import WorkingHoursError, clean_working_hours
from outsourcer.lib.validation import NUL, REQUIRED, TOO_LONG, Errors
from outsourcer.notifications.email import email_send_on_commit

PROFILE_FIELDS = (
    "kind", "name", "email", "company", "website", "skills", "time_zone", "working_hours",
    "weekly_capacity_minutes", "default_rate_cents", "currency", "volume_tiers",
)  # fmt: skip
CAPACITY = f"Weekly capacity is between 0 and {MAX_WEEK_HOURS} hours."
RATE = "The rate must be zero or more."
CHOOSE_KIND = "Choose person or company."
CHOOSE_STATUS = "Choose a valid status."
WEBSITE = "Enter a full web address starting with https://."
MAX_NOTES = 10_000


def _website(errors: Errors, value: Any) -> str:
    value = errors.text(value, field="website", label="Website", max_length=300, required=False)
    if value and "website" not in errors:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            errors.add("website", WEBSITE)
    return value


def _skills(errors: Errors, value: Any) -> str:
    if isinstance(value, str) and has_nul(value):
        errors.add("skills", NUL.format(label="Skills"))
    skills = normalize_skills(value if isinstance(value, list | str) else "")
    if len(skills) > 500:
        errors.add("skills", TOO_LONG.format(label="Skills", max_length=500))
    return skills


def _working_hours(errors: Errors, value: Any) -> dict[str, list[str]]:
    try:
        return clean_working_hours(value)
    except WorkingHoursError as exc:
        errors.add("working_hours", str(exc))
        return {}


def _tiers(errors: Errors, value: Any) -> list[dict[str, int]]:
    tiers, problem = _clean_tiers(value)
    if problem:
        errors.add("volume_tiers", problem)
    return tiers


def _email(errors: Errors, value: Any) -> str:
    value = errors.text(value, field="email", label="E-mail", max_length=254, required=False)
    return errors.email(value) if value and "email" not in errors else value


# One checker per profile field; each adds its problems to `errors` and returns the cleaned value.
_PROFILE_CHECKS: dict[str, Any] = {
    "kind": lambda e, v: e.choice(v, field="kind", choices=Contractor.Kind.values, message=CHOOSE_KIND),
    "name": lambda e, v: e.text(v, field="name", label="Name", max_length=120),
    "email": _email,
    "company": lambda e, v: e.text(v, field="company", label="Company", max_length=120, required=False),
    "website": _website,
    "skills": _skills,
    "time_zone": lambda e, v: e.time_zone(v),
    "working_hours": _working_hours,
    "weekly_capacity_minutes": lambda e, v: e.integer(
        v, field="weekly_capacity_minutes", label="Weekly capacity", maximum=MAX_WEEK_MINUTES, message=CAPACITY
    ),
    "default_rate_cents": lambda e, v: e.integer(v, field="default_rate_cents", label="Rate", message=RATE),
    "currency": lambda e, v: e.currency(v),
    "volume_tiers": _tiers,
}


def clean_profile(data: dict[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """Validate contractor profile fields; returns cleaned values or raises FieldErrors with every
    problem at once. With `partial`, absent fields are left out rather than required."""
    errors = Errors()
    cleaned: dict[str, Any] = {}
    for field in PROFILE_FIELDS:
        if field in data:
            cleaned[field] = _PROFILE_CHECKS[field](errors, data[field])
        elif field == "name" and not partial:
            errors.add("name", REQUIRED.format(label="Name"))
    errors.raise_if_any()
    return cleaned


def _clean_notes(notes: str) -> str:
    errors = Errors()
    notes = errors.text(notes, field="notes", label="Notes", max_length=MAX_NOTES, required=False)
    errors.raise_if_any()
    return notes


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
        if not (0 < hours <= MAX_WEEK_HOURS) or rate < 0:
            return [], f"Tier hours are between 1 and {MAX_WEEK_HOURS} and rates are zero or more."
        tiers.append({"min_hours": hours, "rate_cents": rate})
    tiers.sort(key=lambda t: t["min_hours"])
    if len({t["min_hours"] for t in tiers}) != len(tiers):
        return [], "Two volume tiers start at the same number of hours."
    return tiers, ""


def _engagement_capacity(value: Any) -> int:
    errors = Errors()
    errors.integer(
        value, field="engagement_capacity_minutes", label="Capacity", maximum=MAX_WEEK_MINUTES, message=CAPACITY
    )
    errors.raise_if_any()
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
    errors = Errors()
    errors.choice(status, field="status", choices=EngagementStatus.values, message=CHOOSE_STATUS)
    notes = errors.text(notes, field="notes", label="Notes", max_length=MAX_NOTES, required=False)
    errors.raise_if_any()
    capacity = _engagement_capacity(
        cleaned.get("weekly_capacity_minutes", 0)
        if engagement_capacity_minutes is None
        else engagement_capacity_minutes
    )
    with transaction.atomic():
        contractor = Contractor.objects.create(created_by_organization=organization, **cleaned)
        engagement = Engagement.objects.create(
            organization=organization, contractor=contractor, status=status, notes=notes,
            weekly_capacity_minutes=capacity,
        )  # fmt: skip
        event_record(
            action=events.CONTRACTOR_ADDED, organization=organization, actor=actor, obj=engagement,
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
    if notes is not None:
        notes = _clean_notes(notes)
    with transaction.atomic():
        before = _profile_snapshot(contractor)
        for field, value in cleaned.items():
            setattr(contractor, field, value)
        if cleaned:
            contractor.save()
        changed = ["updated_at"]
        if notes is not None:
            engagement.notes = notes
            changed.append("notes")
        if engagement_capacity_minutes is not None:
            engagement.weekly_capacity_minutes = _engagement_capacity(engagement_capacity_minutes)
            changed.append("weekly_capacity_minutes")
        engagement.save(update_fields=changed)
        after = _profile_snapshot(contractor)
        event_record(
            action=events.CONTRACTOR_UPDATED, organization=engagement.organization, actor=actor, obj=engagement,
            before={k: v for k, v in before.items() if after[k] != v},
            after={k: v for k, v in after.items() if before[k] != v},
        )  # fmt: skip
    return engagement


def engagement_status_change(*, engagement: Engagement, actor: User, status: str) -> Engagement:
    """Move the engagement through the transition table; illegal moves raise IllegalTransition."""
    with transaction.atomic():
        locked = Engagement.objects.select_for_update().select_related("contractor").get(pk=engagement.pk)
        status = ENGAGEMENT_FLOW.next(locked.status, status)
        before = locked.status
        locked.status = status
        locked.status_changed_at = timezone.now()
        locked.save(update_fields=["status", "status_changed_at", "updated_at"])
        event_record(
            action=events.ENGAGEMENT_STATUS_CHANGED, organization=locked.organization, actor=actor, obj=locked,
            before={"status": before}, after={"status": status},
        )  # fmt: skip
    return locked


def contractor_invite(*, engagement: Engagement, actor: User, email: str | None = None) -> Invitation:
    """Invite the contractor to create an account (or link their existing one) for this organization."""
    contractor = engagement.contractor
    if contractor.has_account:
        raise DomainError(f"{contractor.name} already has an account.", code="already_has_account")
    errors = Errors()
    address = errors.email(email or contractor.email)
    if "email" in errors and not address:
        errors.replace("email", "Enter the contractor's e-mail address first.")
    errors.raise_if_any()
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
            action=events.CONTRACTOR_INVITED, organization=organization, actor=actor, obj=engagement,
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
        invitation_claim(invitation=invitation, user=user)
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
            action=events.CONTRACTOR_JOINED, organization=invitation.organization, actor=user, obj=engagement,
            after={"user": user.email},
        )  # fmt: skip
    return contractor


def invitation_accept(*, invitation: Invitation, user: User | None = None, password: str = "", name: str = "") -> User:
    """Accept any invitation link, in one transaction, and return the account: a contractor
    invitation goes to contractor_invitation_accept; a member invitation makes `user` (or, without
    one, a new account created with `password` and `name`) a member. Lives here, above accounts,
    because a contractor invitation reaches into both domains."""
    if invitation.kind == Invitation.Kind.CONTRACTOR:
        return contractor_invitation_accept(invitation=invitation, user=user, password=password, name=name).user
    with transaction.atomic():
        if user is None:
            user = user_create(email=invitation.email, password=password, name=name)
        member_invitation_accept(invitation=invitation, user=user)
    return user


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
                action=events.CONTRACTOR_PROFILE_UPDATED, organization=engagement.organization, actor=actor,
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
            action=events.ENGAGEMENT_CAPACITY_CHANGED, organization=engagement.organization, actor=actor,
            obj=engagement, before={"weekly_capacity_minutes": before}, after={"weekly_capacity_minutes": minutes},
        )  # fmt: skip
    return engagement
