"""Every write for contractors and engagements."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from outsourcer.accounts.models import Invitation, Organization, User
from outsourcer.accounts.services import invitation_claim, invitation_url, member_invitation_accept, user_create
from outsourcer.audit.events import event_record
from outsourcer.contractors import events
from outsourcer.contractors.flows import ENGAGEMENT_FLOW
from outsourcer.contractors.merge import contractor_merge
from outsourcer.contractors.models import Contractor, Engagement, EngagementStatus
from outsourcer.contractors.profiles import (
    CHOOSE_STATUS,
    MAX_NOTES,
    PROFILE_FIELDS,
    _clean_notes,
    _engagement_capacity,
    capacity_over_total,
    capacity_total_below_given,
    clean_profile,
)
from outsourcer.contractors.selectors import capacity_given_minutes
from outsourcer.lib.errors import DomainError
from outsourcer.lib.validation import Errors
from outsourcer.notifications.email import email_send_on_commit


def _profile_snapshot(contractor: Contractor) -> dict[str, Any]:
    return {field: getattr(contractor, field) for field in PROFILE_FIELDS}


DEFAULT_CAPACITY_MINUTES = Contractor._meta.get_field("weekly_capacity_minutes").default


def _check_capacity(
    *,
    contractor: Contractor,
    total: int | None = None,
    engagement: Engagement | None = None,
    minutes: int | None = None,
    field: str,
    yours: bool = False,
) -> None:
    """The capacity rule, for every way hours change (the organization's pages and API, the
    portal and its API): the hours a contractor gives their clients never add up to more than
    their total. `engagement` and `minutes`: one client's new hours; without them, a new `total`
    (None: the stored one). Locks the contractor row so two changes at once cannot both pass (call
    inside the transaction); raises FieldErrors on `field` with the numbers."""
    if contractor.pk is None:
        problem = capacity_over_total(total=total or 0, others=0, minutes=minutes or 0, name=contractor.name)
    else:
        locked = Contractor.objects.select_for_update().filter(pk=contractor.pk)
        stored = locked.values_list("weekly_capacity_minutes", flat=True).get()
        total = stored if total is None else total
        if engagement is not None and minutes is not None:
            if engagement.status == EngagementStatus.ENDED:
                return  # an ended engagement's hours are not counted as given
            problem = capacity_over_total(
                total=total,
                others=capacity_given_minutes(contractor=contractor, excluding=engagement),
                minutes=minutes,
                name=contractor.name,
                client=engagement.organization.name,
                yours=yours,
            )
        else:
            given = capacity_given_minutes(contractor=contractor)
            problem = capacity_total_below_given(total=total, given=given, name=contractor.name, yours=yours)
    errors = Errors()
    if problem:
        errors.add(field, problem)
    errors.raise_if_any()


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
    _check_capacity(
        contractor=Contractor(name=cleaned.get("name", "")),
        total=cleaned.get("weekly_capacity_minutes", DEFAULT_CAPACITY_MINUTES),
        minutes=capacity,
        field="engagement_capacity_minutes",
    )
    with transaction.atomic():
        contractor = Contractor.objects.create(created_by_organization=organization, **cleaned)
        engagement = Engagement.objects.create(
            organization=organization,
            contractor=contractor,
            status=status,
            notes=notes,
            weekly_capacity_minutes=capacity,
        )
        event_record(
            action=events.CONTRACTOR_ADDED,
            organization=organization,
            actor=actor,
            obj=engagement,
            after={"name": contractor.name, "status": status},
        )
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
    if engagement_capacity_minutes is not None:
        engagement_capacity_minutes = _engagement_capacity(engagement_capacity_minutes)
    with transaction.atomic():
        if engagement_capacity_minutes is not None or "weekly_capacity_minutes" in cleaned:
            _check_capacity(
                contractor=contractor,
                total=cleaned.get("weekly_capacity_minutes"),
                engagement=engagement,
                minutes=(
                    engagement.weekly_capacity_minutes
                    if engagement_capacity_minutes is None
                    else engagement_capacity_minutes
                ),
                field="engagement_capacity_minutes"
                if engagement_capacity_minutes is not None
                else "weekly_capacity_minutes",
            )
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
            engagement.weekly_capacity_minutes = engagement_capacity_minutes
            changed.append("weekly_capacity_minutes")
        engagement.save(update_fields=changed)
        after = _profile_snapshot(contractor)
        event_record(
            action=events.CONTRACTOR_UPDATED,
            organization=engagement.organization,
            actor=actor,
            obj=engagement,
            before={k: v for k, v in before.items() if after[k] != v},
            after={k: v for k, v in after.items() if before[k] != v},
        )
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
            action=events.ENGAGEMENT_STATUS_CHANGED,
            organization=locked.organization,
            actor=actor,
            obj=locked,
            before={"status": before},
            after={"status": status},
        )
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
            organization=organization,
            kind=Invitation.Kind.CONTRACTOR,
            email=address,
            engagement=engagement,
            invited_by=actor,
        )
        event_record(
            action=events.CONTRACTOR_INVITED,
            organization=organization,
            actor=actor,
            obj=engagement,
            after={"email": address},
        )
        email_send_on_commit(
            to=address,
            subject=f"{organization.name} invites you to work with them on Outsourcer",
            template="emails/contractor_invitation.txt",
            context={
                "invitation": invitation,
                "url": invitation_url(invitation),
                "inviter": actor,
                "organization": organization,
                "contractor": contractor,
            },
        )
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
            action=events.CONTRACTOR_JOINED,
            organization=invitation.organization,
            actor=user,
            obj=engagement,
            after={"user": user.email},
        )
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
        if "weekly_capacity_minutes" in cleaned:
            _check_capacity(
                contractor=contractor,
                total=cleaned["weekly_capacity_minutes"],
                field="weekly_capacity_minutes",
                yours=True,
            )
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
                action=events.CONTRACTOR_PROFILE_UPDATED,
                organization=engagement.organization,
                actor=actor,
                obj=engagement,
                before=changes_before,
                after=changes_after,
            )
    return contractor


def engagement_capacity_set(*, engagement: Engagement, actor: User, minutes: int) -> Engagement:
    """The contractor sets how much of their week this organization may plan with; never more
    than their total leaves after their other clients (FieldErrors on "engagement_capacity_minutes")."""
    minutes = _engagement_capacity(minutes)
    with transaction.atomic():
        _check_capacity(
            contractor=engagement.contractor,
            engagement=engagement,
            minutes=minutes,
            field="engagement_capacity_minutes",
            yours=True,
        )
        before = engagement.weekly_capacity_minutes
        engagement.weekly_capacity_minutes = minutes
        engagement.save(update_fields=["weekly_capacity_minutes", "updated_at"])
        event_record(
            action=events.ENGAGEMENT_CAPACITY_CHANGED,
            organization=engagement.organization,
            actor=actor,
            obj=engagement,
            before={"weekly_capacity_minutes": before},
            after={"weekly_capacity_minutes": minutes},
        )
    return engagement
