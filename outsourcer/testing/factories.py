"""factory-boy factories that keep related rows consistent (same organization everywhere)."""

import factory
from django.utils import timezone

from outsourcer.accounts.models import Membership, Organization, User
from outsourcer.accounts.roles import Role
from outsourcer.contractors.models import Contractor, Engagement, EngagementStatus

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    name = factory.Faker("name")
    time_zone = "Europe/Berlin"
    password = factory.django.Password(PASSWORD)  # hashed before the INSERT: one query per user


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Business {n}")
    slug = factory.Sequence(lambda n: f"business-{n}")
    currency = "EUR"
    time_zone = "Europe/Berlin"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organization = factory.SubFactory(OrganizationFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.OWNER


class ContractorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contractor

    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"contractor{n}@example.net")
    skills = "design, photography"
    time_zone = "Europe/Lisbon"
    weekly_capacity_minutes = 30 * 60
    default_rate_cents = 6000
    currency = "EUR"


class EngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Engagement

    organization = factory.SubFactory(OrganizationFactory)
    contractor = factory.SubFactory(ContractorFactory, created_by_organization=factory.SelfAttribute("..organization"))
    status = EngagementStatus.ACTIVE
    weekly_capacity_minutes = 10 * 60
    status_changed_at = factory.LazyFunction(timezone.now)
