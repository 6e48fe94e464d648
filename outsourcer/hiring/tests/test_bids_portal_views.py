"""The contractor's jobs in the portal: list across organizations, the job page (never the budget,
other bids or notes), the bid form per rate model, revisions, withdraw, and the Q&A thread."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from outsourcer.hiring.models import Bid, BidStatus, Interview
from outsourcer.testing.builders import TODAY, make_budget
from outsourcer.testing.factories import EngagementFactory
from outsourcer.testing.hiring import insert_bid, insert_invitation, insert_job, insert_job_message, second_bidder

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(personas, frozen):
    job = insert_job(personas, created_by=personas.alice, title="Spring menu photos")
    insert_invitation(job, personas.carol_engagement)
    return job


@pytest.fixture
def carol(client, personas):
    client.force_login(personas.carol)
    return client


def _detail(job):
    return reverse("hiring-portal:job-detail", kwargs={"job_id": job.pk})


def _bid_form(**more):
    return {
        "rate_model": "fixed",
        "fixed_total": "2,500.00",
        "proposed_start_on": (TODAY + timedelta(days=3)).isoformat(),
        "finishes_on": (TODAY + timedelta(days=20)).isoformat(),
        "approach": "Two mornings.",
        **more,
    }


def test_the_list_shows_invitations_and_own_bids_across_organizations(carol, personas, job):
    oscars = insert_job(personas, organization=personas.other_org, title="Outfitters catalogue")
    insert_invitation(oscars, EngagementFactory(organization=personas.other_org, contractor=personas.carol_contractor))
    insert_bid(job, personas.carol_engagement, total_cents=250_000)

    page = carol.get(reverse("hiring-portal:job-list")).content.decode()
    assert "Spring menu photos" in page and "Outfitters catalogue" in page
    assert "€2,500.00" in page and "Invited, no bid yet" in page

    filtered = carol.get(reverse("hiring-portal:job-list"), {"organization": personas.other_org.pk}).content.decode()
    assert "Outfitters catalogue" in filtered and "Spring menu photos" not in filtered


def test_the_list_has_an_empty_state(client, personas):
    client.force_login(personas.dan)
    page = client.get(reverse("hiring-portal:job-list")).content.decode()
    assert "No jobs yet" in page


def test_the_list_sends_the_same_queries_for_many_jobs(carol, personas, frozen):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert carol.get(reverse("hiring-portal:job-list")).status_code == 200
        return len(captured)

    budget = make_budget(personas, name="Many jobs", amount_cents=10**9)
    insert_invitation(insert_job(personas, budget=budget), personas.carol_engagement)
    few = queries()
    for _ in range(8):
        insert_bid(insert_job(personas, budget=budget), personas.carol_engagement)
    assert queries() == few <= 12


def test_the_job_page_never_shows_the_budget_other_bids_or_notes(carol, personas, job):
    erin = second_bidder(personas)
    insert_bid(job, erin, total_cents=123_456, approach="Erin's secret approach")
    page = carol.get(_detail(job)).content.decode()

    assert "Spring menu photos" in page and "Natural light" in page
    for hidden in ("Hiring budget", "€1,234.56", "Erin", "Great with light", "€2,000.00", "€4,000.00", "€10,000"):
        assert hidden not in page
    # The bid deadline in Carol's zone (Lisbon, UTC+0 in March): NOW + 7 days = Mon 24 Mar, 10:00.
    assert "Mon 24 Mar 2025, 10:00" in page and "Europe/Lisbon" in page


def test_an_uninvited_or_other_contractor_gets_404(client, personas, job):
    client.force_login(personas.dan)
    assert client.get(_detail(job)).status_code == 404
    assert client.post(reverse("hiring-portal:bid-submit", kwargs={"job_id": job.pk}), _bid_form()).status_code == 404
    draft = insert_job(personas, budget=job.budget, status="draft")
    insert_invitation(draft, personas.carol_engagement)
    client.force_login(personas.carol)
    assert client.get(_detail(draft)).status_code == 404


def test_carol_bids_revises_and_sees_her_revisions(carol, personas, job):
    url = reverse("hiring-portal:bid-submit", kwargs={"job_id": job.pk})
    assert carol.post(url, _bid_form()).status_code == 302
    response = carol.post(url, _bid_form(rate_model="hourly", hourly_rate="50", estimated_hours="40"))
    assert response.status_code == 302

    bid = Bid.objects.get()
    assert (bid.revision, bid.rate_model, bid.total_cents, bid.estimated_minutes) == (2, "hourly", 200_000, 2400)
    page = carol.get(_detail(job)).content.decode()
    assert "Earlier revisions (1)" in page and "Revise your bid" in page and "€2,500.00" in page


def test_the_form_keeps_what_was_typed_and_says_what_is_wrong(carol, personas, job):
    url = reverse("hiring-portal:bid-submit", kwargs={"job_id": job.pk})
    response = carol.post(url, _bid_form(rate_model="hourly", hourly_rate="abc", approach="Kept as typed"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter an amount such as" in page and "Enter a number of hours." in page and "Kept as typed" in page

    response = carol.post(url, _bid_form(currency="USD"))
    assert response.status_code == 400
    assert "needs the exchange rate to EUR" in response.content.decode()
    assert carol.post(url, _bid_form(currency="USD", exchange_rate="0.92")).status_code == 302
    assert Bid.objects.get().total_budget_cents == 230_000
    assert not Bid.objects.filter(currency="EUR").exists()


def test_withdraw_asks_in_the_page_then_bidding_again_works(carol, personas, job):
    insert_bid(job, personas.carol_engagement)
    page = carol.get(_detail(job)).content.decode()
    assert 'class="confirm"' in page and "Withdraw your bid?" in page

    assert carol.post(reverse("hiring-portal:bid-withdraw", kwargs={"job_id": job.pk})).status_code == 302
    assert Bid.objects.get().status == BidStatus.WITHDRAWN
    assert carol.post(reverse("hiring-portal:bid-submit", kwargs={"job_id": job.pk}), _bid_form()).status_code == 302
    assert Bid.objects.get().status == BidStatus.SUBMITTED


def test_after_the_deadline_the_page_has_no_form_and_a_post_is_refused(carol, personas, job):
    insert_bid(job, personas.carol_engagement)
    with time_machine.travel(job.bids_due_at + timedelta(hours=1), tick=False):
        page = carol.get(_detail(job)).content.decode()
        assert "the bid deadline has passed" in page and "Send revision" not in page
        response = carol.post(reverse("hiring-portal:bid-submit", kwargs={"job_id": job.pk}), _bid_form())
        assert response.status_code == 400 and "The bid deadline has passed." in response.content.decode()
        carol.post(reverse("hiring-portal:bid-withdraw", kwargs={"job_id": job.pk}))
    assert Bid.objects.get().status == BidStatus.SUBMITTED


def test_the_contractor_sees_only_their_own_thread(carol, personas, job):
    erin = second_bidder(personas)
    insert_invitation(job, erin)
    insert_job_message(job, erin.contractor, from_contractor=False, body="Erin only")
    response = carol.post(reverse("hiring-portal:job-message", kwargs={"job_id": job.pk}), {"body": "Saturday?"})
    assert response.status_code == 302

    page = carol.get(_detail(job)).content.decode()
    assert "Saturday?" in page and "Erin only" not in page
    assert carol.post(reverse("hiring-portal:job-message", kwargs={"job_id": job.pk}), {"body": ""}).status_code == 400


def test_the_portal_home_counts_jobs_bids_and_interviews_with_links(personas, carol, job):
    home = reverse("portal:home")
    page = carol.get(home).content.decode()
    assert "1 job waiting for your bid" in page and reverse("hiring-portal:job-list") in page
    assert "No bids yet" not in page

    insert_bid(job, personas.carol_engagement)
    Interview.objects.create(
        organization=personas.org, engagement=personas.carol_engagement, contractor=personas.carol_contractor,
        job=job, starts_at=timezone.now() + timedelta(days=2),
    )  # fmt: skip
    page = carol.get(home).content.decode()
    assert "1 bid under consideration" in page and "waiting for your bid" not in page
    assert "1 upcoming interview" in page and reverse("hiring-portal:interviews") in page


def test_the_portal_menu_marks_jobs_or_interviews_not_both(personas, carol):
    page = carol.get(reverse("hiring-portal:interviews")).content.decode()
    assert page.count('aria-current="page"') == 1
