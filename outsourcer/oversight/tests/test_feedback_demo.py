import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from outsourcer.accounts.models import Organization, User
from outsourcer.contractors.models import Engagement
from outsourcer.oversight.models import Feedback
from outsourcer.oversight.selectors.feedback import feedback_owed_for_organization, organization_rating_summary
from outsourcer.oversight.selectors.performance import performance_for_engagement

pytestmark = pytest.mark.django_db


def test_the_demo_has_feedback_given_and_owed_and_enough_ratings_to_average(time_machine, client):
    time_machine.move_to("2025-03-17 10:00")
    call_command("demo", verbosity=0)
    organization = Organization.objects.get(slug="crumb-co")
    assert Feedback.objects.filter(organization=organization).count() == 2
    owed = [deliverable.title for deliverable in feedback_owed_for_organization(organization=organization)]
    assert "Spring newsletter photos" in owed
    summary = organization_rating_summary(organization=organization)
    assert summary is not None and summary.count == 3
    carol = Engagement.objects.get(organization=organization, contractor__user__email="carol@demo.outsourcer.test")
    assert performance_for_engagement(engagement=carol, today=datetime.date(2025, 3, 17)).feedback_count == 1

    client.force_login(User.objects.get(email="alice@demo.outsourcer.test"))
    page = client.get(reverse("feedback:owed", args=[organization.slug])).content.decode()
    assert "Spring newsletter photos" in page
