"""The demo organization's utilization page shows an over-booked and an under-used contractor."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from outsourcer.accounts.models import Organization, User
from outsourcer.budgets.periods import today_for
from outsourcer.oversight.selectors.utilization import utilization_for_organization

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("now", ["2025-03-17 10:00", "2026-12-31 23:30", "2027-01-03 12:00"])
def test_the_demo_has_an_over_booked_and_an_under_used_contractor(time_machine, client, now):
    time_machine.move_to(now)
    call_command("demo", verbosity=0)
    organization = Organization.objects.get(slug="crumb-co")

    data = utilization_for_organization(organization=organization, today=today_for(organization), now=timezone.now())

    assert [row.contractor.name for row in data.over_booked] == ["Carol Mendes"]
    assert data.under_used
    client.force_login(User.objects.get(email="alice@demo.outsourcer.test"))
    page = client.get(reverse("utilization:page", args=[organization.slug])).content.decode()
    assert "Over-booked: Carol Mendes" in page and "Under-used in each of these four weeks" in page
