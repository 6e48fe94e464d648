"""Demo accounts: Crumb & Co. Bakery with its owner Alice, manager Bob and viewer Vera
(`manage.py demo`, see lib/demo_context.py)."""

from outsourcer.accounts import services
from outsourcer.accounts.models import Organization
from outsourcer.accounts.roles import Role
from outsourcer.lib.demo_context import PASSWORD, SLUG, DemoContext, demo_email

MEMBERS = [
    ("alice", "Alice Baker", Role.OWNER, "Crumb & Co. Bakery: everything"),
    ("bob", "Bob Fischer", Role.MANAGER, "Crumb & Co. Bakery: contractors, hiring, work"),
    ("vera", "Vera Klein", Role.VIEWER, "Crumb & Co. Bakery: read only (bookkeeper)"),
]

LOGINS = [(f"{name} ({role})", demo_email(key), sees) for key, name, role, sees in MEMBERS]


def load(context: DemoContext) -> None:
    people = context.people
    for key, name, _, _ in MEMBERS:
        people[key] = services.user_create(
            email=demo_email(key), password=PASSWORD, name=name, time_zone="Europe/Berlin"
        )
    alice = people["alice"]
    organization = services.organization_create(
        owner=alice, name="Crumb & Co. Bakery", currency="EUR", time_zone="Europe/Berlin"
    )
    # There is no service to choose a slug; the demo's short, documented URL is worth a direct update.
    if not Organization.objects.filter(slug=SLUG).exists():
        Organization.objects.filter(pk=organization.pk).update(slug=SLUG)
        organization.slug = SLUG
    for key, _, role, _ in MEMBERS[1:]:
        invitation = services.member_invite(
            organization=organization, invited_by=alice, email=demo_email(key), role=role
        )
        services.member_invitation_accept(invitation=invitation, user=people[key])
    context.organization = organization
    context.loaded.append(organization.name)
