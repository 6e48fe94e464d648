"""Writes for organizations, their members and member invitations."""

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from outsourcer.accounts import events
from outsourcer.accounts.models import Invitation, Membership, Organization, User
from outsourcer.accounts.roles import Role
from outsourcer.audit.events import event_record
from outsourcer.lib.errors import DomainError
from outsourcer.lib.validation import Errors
from outsourcer.notifications.email import email_send_on_commit

INVITATION_SALT = "outsourcer.invitation"
LAST_OWNER = "An organization must keep at least one owner."
CHOOSE_ROLE = "Choose owner, manager or viewer."


def _unique_slug(name: str) -> str:
    base = slugify(name)[:50] or "org"
    slug, n = base, 1
    while Organization.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _organization_insert(*, name: str, currency: str, time_zone: str) -> Organization:
    # Two sign-ups with the same business name can pick the same free slug at once; the loser of
    # the unique constraint tries again with the next free one instead of failing.
    for _ in range(5):
        try:
            with transaction.atomic():
                return Organization.objects.create(
                    name=name, slug=_unique_slug(name), currency=currency, time_zone=time_zone
                )
        except IntegrityError:
            continue
    raise DomainError("Could not create the organization right now. Try again.", field="name")


def organization_create(*, owner: User, name: str, currency: str = "EUR", time_zone: str = "UTC") -> Organization:
    """Create an organization with `owner` as its first owner."""
    errors = Errors()
    name = errors.text(name, field="name", label="Organization name", max_length=120)
    currency, time_zone = errors.currency(currency), errors.time_zone(time_zone)
    errors.raise_if_any()
    with transaction.atomic():
        organization = _organization_insert(name=name, currency=currency, time_zone=time_zone)
        Membership.objects.create(organization=organization, user=owner, role=Role.OWNER)
        event_record(action=events.ORGANIZATION_CREATED, organization=organization, actor=owner, obj=organization)
    return organization


ORGANIZATION_SETTINGS = ("name", "currency", "time_zone")


def organization_update(
    *, organization: Organization, actor: User, name: str, currency: str, time_zone: str
) -> Organization:
    """Rename the organization or change its default currency and time zone. The slug, and so every
    link into the organization, stays as it is."""
    errors = Errors()
    cleaned = {
        "name": errors.text(name, field="name", label="Organization name", max_length=120),
        "currency": errors.currency(currency),
        "time_zone": errors.time_zone(time_zone),
    }
    errors.raise_if_any()
    with transaction.atomic():
        locked = Organization.objects.select_for_update().get(pk=organization.pk)
        before = {field: getattr(locked, field) for field in ORGANIZATION_SETTINGS}
        changed = [field for field in ORGANIZATION_SETTINGS if before[field] != cleaned[field]]
        if not changed:
            return locked
        for field in changed:
            setattr(locked, field, cleaned[field])
        locked.save(update_fields=changed)
        event_record(
            action=events.ORGANIZATION_UPDATED,
            organization=locked,
            actor=actor,
            obj=locked,
            before={field: before[field] for field in changed},
            after={field: cleaned[field] for field in changed},
        )
    return locked


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"n": invitation.nonce}, salt=INVITATION_SALT)


def invitation_url(invitation: Invitation) -> str:
    return settings.SITE_URL + reverse("accounts:invitation-accept", args=[invitation_token(invitation)])


def invitation_from_token(token: str) -> Invitation | None:
    """The pending invitation a link names, or None when the link is forged, expired or used."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=settings.INVITATION_MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    invitation = (
        Invitation.objects.select_related("organization", "engagement__contractor").filter(nonce=data.get("n")).first()
    )
    if invitation is None or not invitation.is_pending:
        return None
    return invitation


def member_invite(*, organization: Organization, invited_by: User, email: str, role: str) -> Invitation:
    """Invite someone to the organization with `role`; e-mails a single-use link valid 7 days."""
    errors = Errors()
    email = errors.email(email)
    errors.choice(role, field="role", choices=Role.values, message=CHOOSE_ROLE)
    errors.raise_if_any()
    if Membership.objects.filter(organization=organization, user__email=email).exists():
        raise DomainError("This person is already a member.", field="email")
    with transaction.atomic():
        # A new invitation to the same address replaces any pending one.
        Invitation.objects.filter(
            organization=organization, email=email, kind=Invitation.Kind.MEMBER, accepted_at=None, revoked_at=None
        ).update(revoked_at=timezone.now())
        invitation = Invitation.objects.create(
            organization=organization, kind=Invitation.Kind.MEMBER, email=email, role=role, invited_by=invited_by
        )
        event_record(
            action=events.MEMBER_INVITED,
            organization=organization,
            actor=invited_by,
            obj=invitation,
            after={"email": email, "role": role},
        )
        email_send_on_commit(
            to=email,
            subject=f"{invited_by.display_name} invited you to {organization.name} on Outsourcer",
            template="emails/member_invitation.txt",
            context={"invitation": invitation, "url": invitation_url(invitation), "inviter": invited_by},
        )
    return invitation


def invitation_revoke(*, invitation: Invitation, actor: User) -> None:
    """Withdraw a pending invitation so its link stops working; a used or withdrawn one raises DomainError."""
    with transaction.atomic():
        revoked = Invitation.objects.filter(pk=invitation.pk, accepted_at=None, revoked_at=None).update(
            revoked_at=timezone.now()
        )
        if not revoked:
            raise DomainError("This invitation was already used or withdrawn.", code="invitation_used")
        event_record(
            action=events.INVITATION_REVOKED,
            organization=invitation.organization,
            actor=actor,
            obj=invitation,
            before={"email": invitation.email, "role": invitation.role},
        )


def invitation_claim(*, invitation: Invitation, user: User) -> None:
    """Mark a pending invitation used by `user`; DomainError when it was already used or withdrawn.
    Call inside the accepting service's transaction."""
    # Conditional update: two tabs accepting the same link cannot both succeed.
    claimed = Invitation.objects.filter(pk=invitation.pk, accepted_at=None, revoked_at=None).update(
        accepted_at=timezone.now(), accepted_by=user
    )
    if claimed != 1:
        raise DomainError("This invitation has already been used.", code="invitation_used")


def member_invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """Accept a member invitation as `user` (whose e-mail must match it)."""
    if user.email != invitation.email:
        raise DomainError(f"This invitation is for {invitation.email}. Log in with that address.", field="email")
    with transaction.atomic():
        invitation_claim(invitation=invitation, user=user)
        membership, created = Membership.objects.get_or_create(
            organization=invitation.organization, user=user, defaults={"role": invitation.role}
        )
        event_record(
            action=events.MEMBER_JOINED,
            organization=invitation.organization,
            actor=user,
            obj=membership,
            after={"role": membership.role},
        )
    return membership


def _owner_count(organization: Organization) -> int:
    return Membership.objects.filter(organization=organization, role=Role.OWNER).count()


def _lock_membership(membership: Membership) -> Membership:
    # The organization row is the lock for "at least one owner": two owners demoting or removing
    # each other at the same moment would otherwise each count two owners and leave none.
    Organization.objects.select_for_update().filter(pk=membership.organization_id).first()
    return (
        Membership.objects.select_for_update(of=("self",)).select_related("organization", "user").get(pk=membership.pk)
    )


def member_role_change(*, membership: Membership, role: str, actor: User) -> Membership:
    """Change a member's role; the last owner cannot be demoted."""
    if role not in Role.values:
        raise DomainError(CHOOSE_ROLE, field="role")
    with transaction.atomic():
        locked = _lock_membership(membership)
        before = locked.role
        if before == role:
            return locked
        if before == Role.OWNER and _owner_count(locked.organization) <= 1:
            raise DomainError(LAST_OWNER, field="role", code="last_owner")
        locked.role = role
        locked.save(update_fields=["role"])
        event_record(
            action=events.MEMBER_ROLE_CHANGED,
            organization=locked.organization,
            actor=actor,
            obj=locked,
            before={"role": before},
            after={"role": role},
        )
    return locked


def member_remove(*, membership: Membership, actor: User) -> None:
    """Remove a member. Their access to the organization ends on their very next request: every
    organization page and API call re-reads the membership, nothing caches it in the session."""
    with transaction.atomic():
        locked = _lock_membership(membership)
        if locked.role == Role.OWNER and _owner_count(locked.organization) <= 1:
            raise DomainError(LAST_OWNER, code="last_owner")
        event_record(
            action=events.MEMBER_REMOVED,
            organization=locked.organization,
            actor=actor,
            obj=locked,
            before={"user": locked.user.email, "role": locked.role},
        )
        locked.delete()
