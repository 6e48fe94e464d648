import pytest
from django.core.management import call_command
from django.urls import reverse

from outsourcer.accounts.models import Organization, User
from outsourcer.oversight.models import Deliverable, DeliverableStatus
from outsourcer.oversight.services.review_reminders import review_reminders_send

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_hand_over_waiting_too_long_one_sent_back_and_one_accepted(time_machine, client):
    time_machine.move_to("2025-03-17 10:00")
    call_command("demo", verbosity=0)
    organization = Organization.objects.get(slug="crumb-co")
    statuses = set(Deliverable.objects.filter(organization=organization).values_list("status", flat=True))
    assert statuses == set(DeliverableStatus.values)
    assert review_reminders_send() == 1  # six days waiting: past three working days
    client.force_login(User.objects.get(email__startswith="alice"))
    page = client.get(reverse("oversight:reviews", args=[organization.slug]))
    assert page.status_code == 200 and "Instagram crops for March" in page.content.decode()
