"""The demo organization's Health Check is meaningful: mixed scores, the contractors' rating shown
(three ratings), the off-hours and utilization signals, and four months of snapshots for the
trend — whatever the day and hour the demo loads."""

import pytest
from django.core.management import call_command

from outsourcer.accounts.models import Organization, User
from outsourcer.lib.demo_context import demo_email
from outsourcer.testing.fixtures import text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("now", ["2025-03-17 10:00", "2026-01-15 23:30"])
def test_the_demo_health_check_has_mixed_scores_and_a_trend(time_machine, client, now):
    time_machine.move_to(now)
    call_command("demo", verbosity=0)
    organization = Organization.objects.get(slug="crumb-co")
    client.force_login(User.objects.get(email=demo_email("alice")), backend="outsourcer.accounts.backends.EmailBackend")
    response = client.get(f"/o/{organization.slug}/health/")
    page = text(response)
    assert response.status_code == 200
    assert page.count("<circle") == 4  # the four months before this one
    assert "4.3 of 5 (3)" in page  # the contractors' rating of Crumb & Co., from three ratings
    overall = response.context["report"].overall
    known = [s.score for s in response.context["report"].scores if s.score is not None]
    assert overall is not None and len(known) >= 3 and min(known) < 100
    shown = {fact.label: fact.value for score in response.context["report"].scores for fact in score.facts}
    # The urgent message of the sourdough shoot reached Carol off-hours; Joy's declined weekend task
    # was due on her Sunday; every other deadline is inside the contractor's hours.
    assert shown["Messages reaching contractors off-hours"] == "1 of 3"
    assert shown["Deadlines outside contractors' hours"] == "1 of 12"
    assert shown["Under-used (below 50 % of their capacity)"] == "3 of 4"
    assert shown["Over-booked (above 100 % of their capacity)"] == "1 of 4"
