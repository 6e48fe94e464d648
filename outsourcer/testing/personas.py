"""The named people every test talks about.

Alice owns Crumb & Co. (a bakery). Bob is her manager, Vera her viewer (the bookkeeper).
Carol is a contractor Alice works with (she has an account). Dan is a contractor of another
business only. Oscar owns that other business and must never see anything of Alice's.
"""

from dataclasses import dataclass

from outsourcer.accounts.models import Organization, User
from outsourcer.accounts.roles import Role
from outsourcer.contractors.models import Contractor, Engagement
from outsourcer.testing.factories import (
    ContractorFactory,
    EngagementFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
)


@dataclass
class Personas:
    org: Organization
    other_org: Organization
    alice: User
    bob: User
    vera: User
    carol: User
    dan: User
    oscar: User
    carol_contractor: Contractor
    dan_contractor: Contractor
    carol_engagement: Engagement
    dan_engagement: Engagement

    def by_name(self, name: str) -> User | None:
        return None if name == "anonymous" else getattr(self, name)


def make_personas() -> Personas:
    org = OrganizationFactory(name="Crumb & Co.", slug="crumb")
    other_org = OrganizationFactory(name="Oscar's Outfitters", slug="oscars")
    alice = UserFactory(email="alice@crumb.example", name="Alice Owner")
    bob = UserFactory(email="bob@crumb.example", name="Bob Manager")
    vera = UserFactory(email="vera@crumb.example", name="Vera Viewer")
    oscar = UserFactory(email="oscar@oscars.example", name="Oscar Other")
    carol = UserFactory(email="carol@studio.example", name="Carol Contractor", time_zone="Europe/Lisbon")
    dan = UserFactory(email="dan@dev.example", name="Dan Contractor", time_zone="America/New_York")
    MembershipFactory(organization=org, user=alice, role=Role.OWNER)
    MembershipFactory(organization=org, user=bob, role=Role.MANAGER)
    MembershipFactory(organization=org, user=vera, role=Role.VIEWER)
    MembershipFactory(organization=other_org, user=oscar, role=Role.OWNER)
    carol_contractor = ContractorFactory(user=carol, name="Carol Contractor", email=carol.email, skills="photography")
    dan_contractor = ContractorFactory(
        user=dan, name="Dan Contractor", email=dan.email, skills="python, django", time_zone="America/New_York"
    )
    carol_engagement = EngagementFactory(organization=org, contractor=carol_contractor, notes="Great with light.")
    dan_engagement = EngagementFactory(organization=other_org, contractor=dan_contractor, notes="Oscar's private note")
    return Personas(
        org=org,
        other_org=other_org,
        alice=alice,
        bob=bob,
        vera=vera,
        carol=carol,
        dan=dan,
        oscar=oscar,
        carol_contractor=carol_contractor,
        dan_contractor=dan_contractor,
        carol_engagement=carol_engagement,
        dan_engagement=dan_engagement,
    )
