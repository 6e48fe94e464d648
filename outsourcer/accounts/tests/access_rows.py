from outsourcer.accounts.models import Invitation, Membership, Session
from outsourcer.accounts.roles import Role
from tests.access_matrix import ORG_OWNER_POST, ORG_READ, PUBLIC, Row, count, expect

SIGNED_IN = expect(302, 200, 200, 200, 200, 200, 200)
ORG = {"kwargs": lambda p: {"org_slug": p.org.slug}}


def _vera_membership(p):
    return {"org_slug": p.org.slug, "membership_id": Membership.objects.get(organization=p.org, user=p.vera).pk}


def _oscar_membership_in_alices_url(p):
    return {"org_slug": p.org.slug, "membership_id": Membership.objects.get(user=p.oscar).pk}


def _pending_invitation(p):
    invitation = Invitation.objects.create(organization=p.org, email="new@crumb.example", role=Role.VIEWER)
    return {"org_slug": p.org.slug, "invitation_id": invitation.pk}


def _oscars_invitation_in_alices_url(p):
    invitation = Invitation.objects.create(organization=p.other_org, email="new@oscars.example", role=Role.VIEWER)
    return {"org_slug": p.org.slug, "invitation_id": invitation.pk}


OWNER_ONLY_READ = expect(302, 200, 403, 403, 404, 404, 404)


ROWS = [
    Row("home", expect(302, 302, 302, 302, 302, 302, 302)),
    Row("healthz", PUBLIC),
    Row("accounts:signup", PUBLIC),
    Row(
        "accounts:signup",
        expect(400, 400, 400, 400, 400, 400, 400),
        method="POST",
        get_allowed=True,
        data=lambda p: {"email": "not-an-email"},
        note="invalid",
    ),
    Row("accounts:signup-confirm", expect(404, 404, 404, 404, 404, 404, 404), kwargs=lambda p: {"token": "forged"}),
    Row(
        "accounts:signup-confirm",
        expect(404, 404, 404, 404, 404, 404, 404),
        method="POST",
        get_allowed=True,
        kwargs=lambda p: {"token": "forged"},
        note="forged",
    ),  # fmt: skip
    Row("accounts:login", PUBLIC),
    Row(
        "accounts:login",
        PUBLIC,
        method="POST",
        get_allowed=True,
        data=lambda p: {"email": "nobody@example.com", "password": "wrong password"},
        note="wrong password",
    ),
    # Logging out deletes the session row; anonymous has none to delete.
    Row(
        "accounts:logout",
        expect(302, 302, 302, 302, 302, 302, 302),
        method="POST",
        wrote=count(Session),
        writers=("alice", "bob", "vera", "carol", "dan", "oscar"),
    ),
    Row("accounts:profile", SIGNED_IN),
    # Members who can receive budget alerts turn them off; the others have nothing to change.
    Row(
        "accounts:profile-alerts",
        expect(302, 302, 302, 302, 302, 302, 302),
        method="POST",
        data=lambda p: {},
        wrote=count(Membership, budget_alerts=False),
        writers=("alice", "bob", "oscar"),
    ),
    Row("accounts:password-change", SIGNED_IN),
    Row("accounts:password-change-done", SIGNED_IN),
    Row("accounts:password-reset", PUBLIC),
    Row("accounts:password-reset-done", PUBLIC),
    Row("accounts:password-reset-confirm", PUBLIC, kwargs=lambda p: {"uidb64": "MQ", "token": "bad-token"}),
    Row("accounts:password-reset-complete", PUBLIC),
    Row(
        "accounts:invitation-accept",
        expect(404, 404, 404, 404, 404, 404, 404),
        kwargs=lambda p: {"token": "forged-token"},
        note="forged",
    ),
    Row("orgs:create", SIGNED_IN),
    Row("orgs:home", ORG_READ, **ORG),
    Row("orgs:members", ORG_READ, **ORG),
    Row(
        "orgs:member-invite",
        ORG_OWNER_POST,
        method="POST",
        **ORG,
        data=lambda p: {"email": "new.person@crumb.example", "role": "viewer"},
    ),
    Row("orgs:member-role", ORG_OWNER_POST, method="POST", kwargs=_vera_membership, data=lambda p: {"role": "manager"}),
    Row("orgs:member-remove", ORG_OWNER_POST, method="POST", kwargs=_vera_membership),
    Row(
        "orgs:member-remove",
        expect(302, 404, 403, 403, 404, 404, 404),
        method="POST",
        kwargs=_oscar_membership_in_alices_url,
        note="foreign membership",
    ),
    Row("orgs:invitation-revoke", ORG_OWNER_POST, method="POST", kwargs=_pending_invitation),
    Row(
        "orgs:invitation-revoke",
        expect(302, 404, 403, 403, 404, 404, 404),
        method="POST",
        kwargs=_oscars_invitation_in_alices_url,
        note="foreign invitation",
    ),
    Row(
        "orgs:member-role",
        expect(302, 404, 403, 403, 404, 404, 404),
        method="POST",
        kwargs=_oscar_membership_in_alices_url,
        data=lambda p: {"role": "viewer"},
        note="foreign membership",
    ),
    Row("orgs:settings", OWNER_ONLY_READ, **ORG),
    Row(
        "orgs:settings",
        ORG_OWNER_POST,
        method="POST",
        get_allowed=True,
        **ORG,
        data=lambda p: {"name": "Crumb & Co. Bakery", "currency": "EUR", "time_zone": "Europe/Berlin"},
    ),
    # Alice is the only owner: her attempt is refused with a message, which is also a redirect.
    # Alice is the last owner: she is refused and sent back (302) without leaving.
    Row("orgs:member-leave", expect(302, 302, 302, 302, 404, 404, 404), method="POST", writers=("bob", "vera"), **ORG),
]
