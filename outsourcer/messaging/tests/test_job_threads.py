"""Hiring's bidder Q&A in the one message store: the organization's answer in the bidder's night is
held and says when it arrives (pages, API), urgent sends it now, the bidder's question arrives at
once, the nav's unread counts include the Q&A, and one bidder never reaches another's thread."""

from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from outsourcer.audit.models import Event
from outsourcer.hiring.selectors import job_list_for_contractor
from outsourcer.hiring.services import job_message_post, job_thread_key
from outsourcer.home.workspace import workspace_for_user
from outsourcer.messaging import selectors
from outsourcer.messaging.models import Message, Thread
from outsourcer.notifications.models import Notification
from outsourcer.testing.hiring import insert_bid, insert_invitation, insert_job, second_bidder

pytestmark = pytest.mark.django_db

MONDAY_NIGHT = datetime(2025, 3, 17, 22, 0, tzinfo=UTC)  # 22:00 in Lisbon (Carol): after her hours
TUESDAY_NINE = datetime(2025, 3, 18, 9, 0, tzinfo=UTC)  # 09:00 in Lisbon: her window opens
ARRIVAL = "reaches Carol on Tue at 09:00 their time (in 11 h)"
PDF = b"%PDF-1.4\n% a shot list\n"


@pytest.fixture
def job(personas, frozen):
    job = insert_job(personas, created_by=personas.alice, title="Spring menu photos")
    insert_invitation(job, personas.carol_engagement)
    return job


def _thread_url(job, contractor):
    return reverse(
        "hiring:job-thread",
        kwargs={"org_slug": job.organization.slug, "job_id": job.pk, "contractor_id": contractor.pk},
    )


def _portal_url(job):
    return reverse("hiring-portal:job-detail", kwargs={"job_id": job.pk})


def test_an_answer_in_the_bidders_night_is_held_and_says_when_it_arrives(client, personas, job, time_machine):
    time_machine.move_to(MONDAY_NIGHT, tick=False)
    client.force_login(personas.bob)
    response = client.post(_thread_url(job, personas.carol_contractor), {"body": "Saturday works."}, follow=True)

    page = response.content.decode()
    assert f"Your answer is sent: it {ARRIVAL}." in page
    assert f"held: {ARRIVAL}" in page
    answer = Message.objects.get()
    assert (answer.job_id, answer.task_id, answer.deliver_at) == (job.pk, None, TUESDAY_NINE)
    assert Event.objects.get(action="job_message_posted").after["held_until"]  # the activity page says so
    # Carol sees nothing and hears nothing of it before 09:00 her time.
    client.force_login(personas.carol)
    assert "Saturday works." not in client.get(_portal_url(job)).content.decode()
    assert not Notification.objects.filter(user=personas.carol).exists()
    time_machine.move_to(TUESDAY_NINE, tick=False)
    assert "Saturday works." in client.get(_portal_url(job)).content.decode()


def test_the_api_shows_the_held_answer_to_the_organization_only(api_as, personas, job, time_machine):
    time_machine.move_to(MONDAY_NIGHT, tick=False)
    bob, carol = api_as(personas.bob), api_as(personas.carol, portal=True)
    path = f"/jobs/{job.pk}/threads/{personas.carol_contractor.pk}"
    posted = bob.post(f"{path}/messages", {"body": "Saturday works."})
    assert posted.status_code == 201
    assert posted.json()["held"] and posted.json()["arrival"] == ARRIVAL
    assert posted.json()["deliver_at"] == "2025-03-18T09:00:00Z"
    assert [m["arrival"] for m in bob.get(path).json()["items"]] == [ARRIVAL]
    assert carol.get(f"/portal/jobs/{job.pk}/messages").json()["items"] == []
    time_machine.move_to(TUESDAY_NINE, tick=False)
    assert [m["body"] for m in carol.get(f"/portal/jobs/{job.pk}/messages").json()["items"]] == ["Saturday works."]


def test_urgent_sends_the_answer_now(client, personas, job, time_machine, django_capture_on_commit_callbacks):
    time_machine.move_to(MONDAY_NIGHT, tick=False)
    client.force_login(personas.bob)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_thread_url(job, personas.carol_contractor), {"body": "Shoot moved!", "urgent": "on"})
    answer = Message.objects.get()
    assert answer.urgent and answer.deliver_at == MONDAY_NIGHT
    assert Notification.objects.filter(user=personas.carol, kind="job_message").exists()


def test_the_bidders_question_arrives_at_once(client, personas, job, time_machine, django_capture_on_commit_callbacks):
    time_machine.move_to(MONDAY_NIGHT, tick=False)
    client.force_login(personas.carol)
    url = reverse("hiring-portal:job-message", kwargs={"job_id": job.pk})
    upload = SimpleUploadedFile("shots.pdf", PDF, content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"body": "Is Saturday fine?", "attachment": upload})
    assert response.status_code == 302

    question = Message.objects.get()
    assert question.deliver_at == question.created_at == MONDAY_NIGHT
    assert question.attachment_name == "shots.pdf"
    assert Notification.objects.filter(user=personas.alice, kind="job_message").exists()
    client.force_login(personas.alice)
    page = client.get(_thread_url(job, personas.carol_contractor)).content.decode()
    assert "Is Saturday fine?" in page and "shots.pdf" in page
    download = reverse(
        "hiring:job-thread-attachment",
        kwargs={"org_slug": job.organization.slug, "job_id": job.pk, "contractor_id": personas.carol_contractor.pk,
                "message_id": question.pk},
    )  # fmt: skip
    response = client.get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF


def test_the_nav_counts_unread_questions_and_delivered_answers(client, personas, job, time_machine):
    ask = {"job": job, "contractor": personas.carol_contractor, "actor": personas.carol, "from_contractor": True}
    job_message_post(body="Is Saturday fine?", **ask)
    job_message_post(body="And Sunday?", **ask)
    alice = workspace_for_user(personas.alice, personas.org.pk)
    assert (alice.unread_job_messages, alice.unread_task_messages) == (2, 0)
    assert selectors.message_unread_count_for_organization(organization_id=personas.org.pk, subject="job") == 2
    client.force_login(personas.alice)
    assert 'aria-label="2 unread questions"' in client.get(_thread_url(job, personas.carol_contractor)).content.decode()

    answer = {"job": job, "contractor": personas.carol_contractor, "actor": personas.bob, "from_contractor": False}
    job_message_post(body="Saturday.", **answer)  # 10:00 in Lisbon: delivered at once
    assert workspace_for_user(personas.alice, personas.org.pk).unread_job_messages == 0  # answered: read
    carol = workspace_for_user(personas.carol)
    assert (carol.unread_portal_job_messages, carol.unread_portal_messages) == (1, 0)
    time_machine.move_to(MONDAY_NIGHT, tick=False)
    job_message_post(body="Sunday too.", **answer)  # held until Tuesday 09:00: not counted yet
    assert workspace_for_user(personas.carol).unread_portal_job_messages == 1
    time_machine.move_to(TUESDAY_NINE, tick=False)
    assert workspace_for_user(personas.carol).unread_portal_job_messages == 2
    assert selectors.message_unread_count_for_contractor(contractor_id=personas.carol_contractor.pk, subject="job") == 2
    client.force_login(personas.carol)
    assert 'aria-label="2 unread answers"' in client.get(_portal_url(job)).content.decode()
    jobs = job_list_for_contractor(contractor=personas.carol_contractor)
    assert [row.unread_count for row in jobs] == [2]  # the job list's own badge agrees


def test_one_bidder_never_reaches_anothers_thread(client, api_as, personas, job):
    erin = second_bidder(personas)
    insert_bid(job, erin)
    erins = job_message_post(
        job=job, contractor=erin.contractor, actor=personas.bob, body="Erin only", from_contractor=False, urgent=True
    )
    job_message_post(
        job=job, contractor=personas.carol_contractor, actor=personas.carol, body="Carol's", from_contractor=True
    )

    assert Thread.objects.filter(job=job).count() == 2
    carols = [
        m.body for m in selectors.thread_messages_for_contractor(key=job_thread_key(job, personas.carol_contractor))
    ]
    assert carols == ["Carol's"]
    listed = api_as(personas.carol, portal=True).get(f"/portal/jobs/{job.pk}/messages").json()["items"]
    assert [m["body"] for m in listed] == ["Carol's"]
    client.force_login(personas.carol)
    assert "Erin only" not in client.get(_portal_url(job)).content.decode()
    url = reverse("hiring-portal:job-message-attachment", kwargs={"job_id": job.pk, "message_id": erins.pk})
    assert client.get(url).status_code == 404
