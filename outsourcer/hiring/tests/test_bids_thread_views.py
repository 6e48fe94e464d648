"""The organization's side of a bidder's Q&A thread: runners answer, viewers read, a contractor
not invited to the job (or another organization's job) is a 404."""

import pytest
from django.urls import reverse

from outsourcer.messaging.models import Message
from outsourcer.notifications.models import Notification
from outsourcer.testing.hiring import insert_bid, insert_invitation, insert_job, insert_job_message, second_bidder

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(personas, frozen):
    job = insert_job(personas, created_by=personas.alice)
    insert_bid(job, personas.carol_engagement, total_cents=280_000, approach="Two mornings of light.")
    insert_job_message(
        job, personas.carol_contractor, author=personas.carol, from_contractor=True, body="Is Saturday fine?"
    )
    return job


def _url(org_url, job, contractor):
    return org_url("hiring:job-thread", job_id=job.pk, contractor_id=contractor.pk)


def test_a_manager_reads_the_thread_with_the_bid_and_answers(client, org_url, personas, job):
    client.force_login(personas.bob)
    page = client.get(_url(org_url, job, personas.carol_contractor)).content.decode()
    assert "Is Saturday fine?" in page and "€2,800.00" in page and "Two mornings of light." in page

    response = client.post(_url(org_url, job, personas.carol_contractor), {"body": "Saturday is fine."})
    assert response.status_code == 302
    answer = Message.objects.get(from_contractor=False)
    assert (answer.author, answer.contractor) == (personas.bob, personas.carol_contractor)
    assert Notification.objects.filter(user=personas.carol, kind="job_message").exists()
    assert Message.objects.get(from_contractor=True).read_at is not None


def test_a_viewer_reads_but_may_not_answer(client, org_url, personas, job):
    client.force_login(personas.vera)
    page = client.get(_url(org_url, job, personas.carol_contractor)).content.decode()
    assert "Is Saturday fine?" in page and "Send answer" not in page
    assert client.post(_url(org_url, job, personas.carol_contractor), {"body": "Hi"}).status_code == 403
    assert Message.objects.count() == 1


def test_an_empty_answer_keeps_the_page_with_a_message(client, org_url, personas, job):
    client.force_login(personas.alice)
    response = client.post(_url(org_url, job, personas.carol_contractor), {"body": "  "})
    assert response.status_code == 400 and "Write a message or attach a file." in response.content.decode()


def test_a_contractor_without_invitation_or_bid_has_no_thread(client, org_url, personas, job):
    client.force_login(personas.alice)
    erin = second_bidder(personas)
    assert client.get(_url(org_url, job, erin.contractor)).status_code == 404
    insert_invitation(job, erin)
    assert client.get(_url(org_url, job, erin.contractor)).status_code == 200
    assert client.get(_url(org_url, job, personas.dan_contractor)).status_code == 404


def test_oscar_cannot_open_crumbs_thread(client, personas, job):
    client.force_login(personas.oscar)
    url = reverse("hiring:job-thread", kwargs={"org_slug": personas.other_org.slug, "job_id": job.pk,
                                               "contractor_id": personas.carol_contractor.pk})  # fmt: skip
    assert client.get(url).status_code == 404


def test_the_breadcrumb_leads_back_to_the_jobs_and_the_job(client, org_url, personas, job):
    client.force_login(personas.vera)
    page = client.get(_url(org_url, job, personas.carol_contractor)).content.decode()
    assert f'href="{org_url("hiring:job-list")}">Jobs</a>' in page
    assert f'href="{org_url("hiring:job-detail", job_id=job.pk)}">{job.title}</a>' in page
