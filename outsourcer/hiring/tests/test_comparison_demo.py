import pytest
from django.core.management import call_command
from django.urls import reverse

from outsourcer.accounts.models import Organization, User
from outsourcer.hiring.models import CompanyCheck, Interview, Job, ReferenceCheck, Scorecard
from outsourcer.hiring.selectors.comparison import bid_comparison

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("now", ["2025-03-17 10:00", "2026-12-31 23:30"])
def test_the_demo_has_an_open_job_with_bids_to_compare(time_machine, client, now):
    time_machine.move_to(now)
    call_command("demo", verbosity=0)
    organization = Organization.objects.get(slug="crumb-co")
    job = Job.objects.get(organization=organization, status="open")
    comparison = bid_comparison(job=job, organization=organization)
    assert len(comparison.bids) == 4
    assert {c.bid.currency for c in comparison.bids} == {"EUR", "USD", "AUD"}
    assert {c.bid.rate_model for c in comparison.bids} == {"fixed", "hourly", "retainer"}
    assert sum(c.is_cheapest for c in comparison.bids) == 1 and sum(c.is_most_trusted for c in comparison.bids) == 1
    carol = next(c for c in comparison.bids if c.contractor.name == "Carol Mendes")
    assert carol.record.has_history and carol.vetting.passed and carol.trust.score is not None
    assert any(c.days_late for c in comparison.bids)
    assert set(Interview.objects.filter(organization=organization).values_list("status", flat=True)) == {
        "scheduled", "done", "cancelled"
    }  # fmt: skip
    assert Scorecard.objects.filter(organization=organization).count() == 3
    assert set(ReferenceCheck.objects.filter(organization=organization).values_list("status", flat=True)) == {
        "requested", "received", "expired"
    }  # fmt: skip
    assert set(CompanyCheck.objects.filter(organization=organization).values_list("status", flat=True)) == {
        "pending", "verified", "failed"
    }  # fmt: skip
    client.force_login(User.objects.get(email="alice@demo.outsourcer.test"))
    response = client.get(reverse("hiring:job-compare", args=[organization.slug, job.pk]))
    assert response.status_code == 200 and "Carol Mendes" in response.content.decode()
