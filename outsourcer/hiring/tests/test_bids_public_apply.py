"""Applying through a job's share link: a prospect contractor, engagement and bid in one
transaction; throttled per address; size limits; clear pages for expired, revoked and closed links."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from outsourcer.contractors.merge import contractor_merge
from outsourcer.contractors.models import Contractor, Engagement, EngagementStatus
from outsourcer.hiring.models import Bid, JobStatus
from outsourcer.hiring.tokens import token_make, token_nonce
from outsourcer.messaging.models import Message, Thread
from outsourcer.testing.builders import NOW, TODAY
from outsourcer.testing.hiring import insert_job, insert_job_message

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(personas, frozen):
    nonce = token_nonce()
    job = insert_job(personas, created_by=personas.alice, share_nonce=nonce, share_expires_at=NOW + timedelta(days=10))
    return job, reverse(
        "hiring-public:job-apply", kwargs={"token": token_make(kind="job-share", row_id=job.pk, nonce=nonce)}
    )


def _application(**more):
    return {
        "name": "Nora Newcomer",
        "email": "Nora@New.example",
        "rate_model": "hourly",
        "hourly_rate": "45",
        "estimated_hours": "10.5",
        "proposed_start_on": (TODAY + timedelta(days=2)).isoformat(),
        "finishes_on": (TODAY + timedelta(days=9)).isoformat(),
        **more,
    }


def test_a_newcomer_applies_with_name_email_and_bid(client, shared, personas):
    job, url = shared
    page = client.get(url).content.decode()
    assert job.title in page and "Your e-mail" in page and "Hiring budget" not in page

    response = client.post(url, _application())
    assert response.status_code == 302
    assert "Your bid is sent" in client.get(response["Location"]).content.decode()

    nora = Contractor.objects.get(email="nora@new.example")
    assert (nora.name, nora.user, nora.created_by_organization) == ("Nora Newcomer", None, personas.org)
    engagement = Engagement.objects.get(contractor=nora)
    assert (engagement.organization, engagement.status) == (personas.org, EngagementStatus.PROSPECT)
    bid = Bid.objects.get(contractor=nora)
    assert (bid.job, bid.engagement, bid.total_cents) == (job, engagement, 47_250)


def test_a_refused_bid_saves_no_contractor(client, shared):
    _, url = shared
    response = client.post(url, _application(finishes_on=(TODAY - timedelta(days=1)).isoformat()))
    assert response.status_code == 400
    assert "The finish date is on or after the start." in response.content.decode()
    assert "Nora Newcomer" in response.content.decode()  # the form keeps what was typed
    assert not Contractor.objects.filter(email="nora@new.example").exists()


def test_every_field_has_a_size_limit(client, shared):
    _, url = shared
    too_long = _application(name="N" * 121, company="C" * 121, approach="a" * 5_001, questions="q" * 2_001,
                            hourly_rate="1" * 25, exchange_rate="1" * 21, email="x" * 250 + "@a.example")  # fmt: skip
    response = client.post(url, too_long)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"name", "company", "approach", "questions", "hourly_rate", "exchange_rate", "email"} <= set(errors)
    assert not Contractor.objects.filter(name__startswith="NNN").exists()


def test_an_email_the_organization_knows_saves_nothing_and_reveals_nothing(
    client, shared, personas, django_capture_on_commit_callbacks
):
    _, url = shared
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, _application(email=personas.carol_contractor.email.upper()))
    # The same answer as a newcomer's: the page does not tell whom Crumb & Co. works with.
    assert response.status_code == 302 and response["Location"].endswith("?applied=1")
    assert not Bid.objects.exists() and Contractor.objects.count() == 2
    [email] = mail.outbox
    assert email.to == [personas.carol_contractor.email] and "already works with you" in email.body
    # Input errors still answer first, alike for known and unknown addresses.
    response = client.post(url, _application(email=personas.carol_contractor.email, hourly_rate=""))
    assert response.status_code == 400


def test_applying_is_throttled_per_address(client, shared, settings):
    _, url = shared
    settings.ACCOUNT_REQUEST_LIMIT_PER_ADDRESS = 2
    for n in range(2):
        assert client.post(url, _application(email=f"n{n}@new.example")).status_code == 302
    response = client.post(url, _application(email="n9@new.example"))
    assert response.status_code == 429
    assert "Too many applications" in response.content.decode()
    assert not Contractor.objects.filter(email="n9@new.example").exists()


def test_an_expired_link_says_so(client, shared):
    job, url = shared
    with time_machine.travel(job.share_expires_at, tick=False):
        response = client.get(url)
        assert response.status_code == 410 and "This link has expired" in response.content.decode()
        assert client.post(url, _application()).status_code == 410
    assert not Bid.objects.exists()


def test_a_revoked_link_says_so(client, shared):
    job, url = shared
    job.share_nonce = token_nonce()
    job.save()
    response = client.get(url)
    assert response.status_code == 410 and "This link was withdrawn" in response.content.decode()


def test_a_closed_job_or_a_passed_deadline_says_so(client, shared):
    job, url = shared
    with time_machine.travel(job.bids_due_at, tick=False):
        response = client.get(url)
        assert response.status_code == 410 and "no longer takes new ones" in response.content.decode()
    job.status = JobStatus.CLOSED
    job.save()
    response = client.get(url)
    assert response.status_code == 410 and "no longer takes bids: it is closed" in response.content.decode()


def test_an_altered_link_is_not_found(client, shared):
    _, url = shared
    assert client.get(url.replace("/jobs/", "/jobs/x")).status_code == 404
    other = reverse("hiring-public:job-apply", kwargs={"token": token_make(kind="reference", row_id=1, nonce="n")})
    assert client.get(other).status_code == 404


def test_an_applicants_bid_and_thread_follow_their_record_into_an_account(client, shared, personas):
    job, url = shared
    client.post(url, _application())
    nora = Contractor.objects.get(email="nora@new.example")
    insert_job_message(job, nora, from_contractor=False, body="Hi")

    contractor_merge(merged=nora, into=personas.dan_contractor)

    assert Bid.objects.get(job=job).contractor == personas.dan_contractor
    assert Message.objects.get().contractor == personas.dan_contractor
    assert Thread.objects.get().contractor == personas.dan_contractor
