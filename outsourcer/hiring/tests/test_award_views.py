from datetime import timedelta

import pytest
from django.urls import reverse

from outsourcer.audit.models import Event
from outsourcer.contracts.models import Contract
from outsourcer.hiring.models import Bid, BidStatus, JobStatus
from outsourcer.hiring.services.award import DEFAULT_MESSAGE
from outsourcer.testing.builders import TODAY
from outsourcer.testing.fixtures import text
from outsourcer.testing.hiring import insert_bid, insert_job, insert_vetting, second_bidder

pytestmark = pytest.mark.django_db

AWARD_BUTTON = "Award and create the contract"


@pytest.fixture
def job(personas, frozen):
    return insert_job(personas)


@pytest.fixture
def bid(personas, job):
    return insert_bid(job, personas.carol_engagement)


@pytest.fixture
def vetted(personas, bid):
    insert_vetting(personas, personas.carol_engagement)
    return bid


@pytest.fixture
def award_url(org_url):
    def _url(bid):
        return org_url("hiring:bid-award", job_id=bid.job_id, bid_id=bid.pk)

    return _url


def test_it_shows_the_bid_its_vetting_and_the_other_bids(personas, login_as, award_url, job, vetted):
    insert_bid(job, second_bidder(personas), total_cents=250_000)
    response = login_as(personas.bob).get(award_url(vetted))
    page = text(response)
    assert response.status_code == 200
    assert "Passed" in page and "Erin Bidder" in page
    assert "Keep as an alternate" in page and DEFAULT_MESSAGE in page
    assert 'value="2025-03-20"' in page  # the contract starts on the proposed start
    assert AWARD_BUTTON in page
    assert "would not fit the budget" not in page


def test_a_manager_facing_an_unvetted_contractor_sees_that_only_an_owner_may_override(
    personas, login_as, award_url, bid
):
    page = text(login_as(personas.bob).get(award_url(bid)))
    assert "Not passed" in page and "2 references received" in page
    assert "Only an owner can award work to a contractor who has not passed vetting" in page
    assert AWARD_BUTTON not in page and 'name="override_reason"' not in page


def test_an_owner_facing_an_unvetted_contractor_sees_the_reason_field(personas, login_as, award_url, bid):
    page = text(login_as(personas.alice).get(award_url(bid)))
    assert 'name="override_reason"' in page and AWARD_BUTTON in page


def test_it_shows_the_over_budget_figures_before_the_award(personas, login_as, award_url, job):
    insert_vetting(personas, personas.carol_engagement)
    bid = insert_bid(job, personas.carol_engagement, total_cents=1_500_000, finishes_on=TODAY + timedelta(days=10))
    page = text(login_as(personas.bob).get(award_url(bid)))
    assert "This contract would not fit the budget" in page
    assert "€5,000.00" in page  # over by
    assert "Only an owner can go over the budget" in page
    assert 'name="budget_override_reason"' not in page and AWARD_BUTTON not in page
    assert not Contract.objects.exists()
    page = text(login_as(personas.alice).get(award_url(bid)))
    assert 'name="budget_override_reason"' in page and "Only an owner" not in page


def test_it_awards_and_opens_the_new_contract(personas, login_as, award_url, job, vetted):
    erin = insert_bid(job, second_bidder(personas))
    response = login_as(personas.bob).post(
        award_url(vetted),
        {f"other_{erin.pk}": "alternate", "message": DEFAULT_MESSAGE, "starts_on": "2025-03-24", "ends_on": ""},
    )
    contract = Contract.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("contracts:detail", args=[personas.org.slug, contract.pk])
    assert contract.starts_on == TODAY + timedelta(days=7)
    job.refresh_from_db()
    assert job.status == JobStatus.AWARDED
    assert Bid.objects.get(pk=erin.pk).status == BidStatus.ALTERNATE


def test_an_owner_awards_an_unvetted_contractor_only_with_a_reason(personas, login_as, award_url, job, bid):
    client = login_as(personas.alice)
    response = client.post(award_url(bid), {})
    assert response.status_code == 409
    assert "Give a reason to award the job to a contractor who has not passed vetting." in text(response)
    assert not Contract.objects.exists()

    response = client.post(award_url(bid), {"override_reason": "Known to us for years"})
    assert response.status_code == 302
    assert Event.objects.get(action="bid_awarded_unvetted").reason == "Known to us for years"


def test_a_manager_cannot_award_an_unvetted_contractor_even_by_posting(personas, login_as, award_url, job, bid):
    response = login_as(personas.bob).post(award_url(bid), {"override_reason": "Please"})
    assert response.status_code == 409
    assert "Only an owner can award the job anyway" in text(response)
    job.refresh_from_db()
    assert job.status == JobStatus.OPEN and not Contract.objects.exists()


def test_over_budget_is_awarded_with_the_owners_budget_reason(personas, login_as, award_url, job):
    insert_vetting(personas, personas.carol_engagement)
    bid = insert_bid(job, personas.carol_engagement, total_cents=1_500_000, finishes_on=TODAY + timedelta(days=10))
    client = login_as(personas.alice)
    response = client.post(award_url(bid), {})
    assert response.status_code == 409
    assert "Give a reason to go over the budget." in text(response)

    response = client.post(award_url(bid), {"budget_override_reason": "Spring launch"})
    assert response.status_code == 302
    assert Contract.objects.get().activation_override_reason == "Spring launch"


def test_bad_input_is_shown_next_to_the_field_and_nothing_is_saved(personas, login_as, award_url, vetted):
    client = login_as(personas.bob)
    response = client.post(award_url(vetted), {"starts_on": "2025-04-20", "ends_on": "2025-04-01"})
    assert response.status_code == 400
    assert "before it starts" in text(response)
    response = client.post(award_url(vetted), {"message": "x\x00y"})
    assert response.status_code == 400
    assert not Contract.objects.exists()


def test_an_awarded_job_says_so_and_is_not_awarded_again(personas, login_as, award_url, job, vetted):
    erin = insert_bid(job, second_bidder(personas))
    client = login_as(personas.alice)
    assert client.post(award_url(vetted), {f"other_{erin.pk}": "alternate"}).status_code == 302
    response = client.post(award_url(erin), {"override_reason": "Second thoughts"})
    assert response.status_code == 409
    assert "already been awarded to <strong>Carol Contractor</strong>" in text(response)
    assert Contract.objects.count() == 1


def test_a_viewer_may_not_award(personas, login_as, award_url, vetted):
    assert login_as(personas.vera).get(award_url(vetted)).status_code == 403


def test_a_bid_of_another_job_or_organization_is_not_found(personas, login_as, org_url, job, vetted):
    other_job = insert_job(personas, budget=job.budget)
    client = login_as(personas.alice)
    assert client.get(org_url("hiring:bid-award", job_id=other_job.pk, bid_id=vetted.pk)).status_code == 404
    oscars = insert_job(personas, organization=personas.other_org)
    dans = insert_bid(oscars, personas.dan_engagement)
    assert client.get(org_url("hiring:bid-award", job_id=oscars.pk, bid_id=dans.pk)).status_code == 404


def test_it_answers_405_to_other_methods(personas, login_as, award_url, vetted):
    assert login_as(personas.alice).put(award_url(vetted)).status_code == 405


def test_the_breadcrumb_leads_back_to_the_jobs_and_the_job(personas, login_as, org_url, award_url, job, bid):
    page = text(login_as(personas.bob).get(award_url(bid)))
    assert f'href="{org_url("hiring:job-list")}">Jobs</a>' in page
    assert f'href="{org_url("hiring:job-detail", job_id=job.pk)}">{job.title}</a>' in page
