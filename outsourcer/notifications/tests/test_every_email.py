"""Every e-mail the product sends, sent for real through the service that sends it, with names full
of characters HTML cares about: the text part reads them as typed, the HTML part escapes them, and
every link points at the address the app is served on (SITE_URL).

SENDERS names, for each template in templates/emails/, how to make the product send it. A new
e-mail template fails `test_every_email_template_has_a_sender_here` until it is added below.
"""

import re
from datetime import timedelta
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.urls import reverse
from django.utils.html import escape

from outsourcer.accounts.services import member_invite
from outsourcer.accounts.services.signup import signup_request
from outsourcer.budgets.services import expense_record
from outsourcer.contractors.services import contractor_create, contractor_invite
from outsourcer.contracts.services import time_entry_reject
from outsourcer.hiring.models import Interview
from outsourcer.hiring.services import (
    bid_apply,
    bid_award,
    interview_cancel,
    interview_reschedule,
    interview_schedule,
    job_invite,
    job_message_post,
    reference_remind,
    reference_request,
)
from outsourcer.oversight.models import Deliverable, DeliverableVersion
from outsourcer.oversight.services import deliverable_request_changes, deliverable_submit
from outsourcer.oversight.tests.email_senders import feedback_senders
from outsourcer.testing.builders import NOW, TODAY, log_time, make_budget, make_contract
from outsourcer.testing.hiring import insert_bid, insert_invitation, insert_job, insert_vetting
from outsourcer.testing.references import insert_reference
from outsourcer.testing.work import make_task
from outsourcer.work.services import message_post, task_ask, task_send
from outsourcer.work.services.checkins import checkin_post
from outsourcer.work.services.reminders import reminders_plan, reminders_send

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _monday_morning(time_machine):
    # Monday 17 March 2025, 10:00 UTC: the builders' day, inside Carol's working hours in Lisbon, and
    # the period the budgets below are created in (no alert for periods before a budget existed).
    time_machine.move_to(NOW)


AWKWARD = 'Tom & Jerry <"T&J"> O\'Brien'
SERVED = "http://127.0.0.1:8302"
EMAIL_TEMPLATES = Path(django_settings.BASE_DIR) / "templates" / "emails"
PASSWORD = "Correct-horse-battery-9"


def _budget_alert(personas, client, name=AWKWARD):
    budget = make_budget(personas, name=name, amount_cents=10_000)
    expense_record(budget=budget, actor=personas.bob, amount_cents=6_000, occurred_on=TODAY, description="x")


def _contractor_invitation(personas, client):
    engagement = contractor_create(organization=personas.org, actor=personas.alice, profile={"name": AWKWARD})
    contractor_invite(engagement=engagement, actor=personas.alice, email="tom@jerry.example")


def _job_invitation(personas, client):
    # Carol has an account: the one e-mail is the job's (a contractor without one also gets the
    # account invitation, tested in hiring/tests/test_jobs_invitations.py).
    job = insert_job(personas, title=AWKWARD, goal=AWKWARD, bids_due_at=NOW + timedelta(days=7))
    job_invite(job=job, actor=personas.alice, engagement_ids=[personas.carol_engagement.pk])


def _member_invitation(personas, client):
    member_invite(organization=personas.org, invited_by=personas.alice, email="new@crumb.example", role="manager")


def _time_reviewed(personas, client):
    contract = make_contract(personas, make_budget(personas, amount_cents=10**9), title=AWKWARD)
    entry = log_time(contract, minutes=90)
    time_entry_reject(entry=entry, actor=personas.bob, reason="Only one hour was agreed")


def _job_message(personas, client):
    job = insert_job(personas, title=AWKWARD, bids_due_at=None)
    insert_invitation(job, personas.carol_engagement)
    job_message_post(
        job=job, contractor=personas.carol_contractor, actor=personas.alice, body=AWKWARD, from_contractor=False
    )


def _job_apply_known(personas, client):
    job = insert_job(personas, title=AWKWARD, bids_due_at=None)
    terms = {"rate_model": "fixed", "fixed_total_cents": 1000, "proposed_start_on": TODAY, "finishes_on": TODAY}
    bid_apply(job=job, name=AWKWARD, email=personas.carol_contractor.email, terms=terms)


def _reference_request(personas, client):
    reference_request(
        engagement=personas.carol_engagement,
        actor=personas.alice,
        referee_name=AWKWARD,
        referee_email="pat@referee.example",
        relationship=AWKWARD,
    )


def _reference_reminder(personas, client):
    reference = insert_reference(personas.carol_engagement, referee_name=AWKWARD, requested_by=personas.alice)
    reference_remind(now=reference.requested_at + timedelta(days=3))


def _bid_decided(personas, client):
    # The only bid on the job wins: one e-mail, to Carol, naming the (awkward) organization and job.
    job = insert_job(personas, title=AWKWARD)
    insert_vetting(personas, personas.carol_engagement)
    bid_award(bid=insert_bid(job, personas.carol_engagement), actor=personas.alice, today=TODAY)


def _password_reset(personas, client):
    client.post(reverse("accounts:password-reset"), {"email": personas.alice.email})


def _signup_confirm(personas, client):
    signup_request(
        email="tom@jerry.example",
        password=PASSWORD,
        name=AWKWARD,
        organization_name=AWKWARD,
        currency="EUR",
        time_zone="Europe/Lisbon",
    )


def _signup_existing(personas, client):
    signup_request(
        email=personas.alice.email,
        password=PASSWORD,
        name=AWKWARD,
        organization_name=AWKWARD,
        currency="EUR",
        time_zone="Europe/Lisbon",
    )


def _interview_row(personas):
    # Inserted directly, so only the e-mail of the service under test is sent.
    interview = Interview.objects.create(
        organization=personas.org,
        engagement=personas.carol_engagement,
        contractor=personas.carol_contractor,
        starts_at=NOW + timedelta(days=1, hours=4),
        location=AWKWARD,
        created_by=personas.alice,
    )
    interview.interviewers.set([personas.alice])
    return interview


def _interview_invitation(personas, client):
    interview_schedule(
        organization=personas.org,
        actor=personas.alice,
        engagement=personas.carol_engagement,
        starts_at=NOW + timedelta(days=1, hours=4),
        interviewers=[personas.alice],
        location=AWKWARD,
    )


def _interview_moved(personas, client):
    interview_reschedule(
        interview=_interview_row(personas), actor=personas.alice, starts_at=NOW + timedelta(days=2, hours=4)
    )


def _interview_cancelled(personas, client):
    interview_cancel(interview=_interview_row(personas), actor=personas.alice)


def _task_sent(personas, client):
    task = make_task(personas, title=AWKWARD)
    task_send(task=task, actor=personas.alice)


def _task_reply(personas, client):
    task = make_task(personas, title=AWKWARD)
    task.status, task.sent_at = "sent", NOW  # sent before this test: only the reply is mailed here
    task.save()
    task_ask(task=task, contractor=personas.carol_contractor, question="Which dishes first?")


def _task_message(personas, client):
    task = make_task(personas, title=AWKWARD)
    task.status, task.sent_at = "sent", NOW
    task.save()
    message_post(task=task, actor=personas.alice, body=AWKWARD, from_contractor=False)


def _task_checkin_alert(personas, client):
    task = _in_progress(personas)
    checkin_post(task=task, contractor=personas.carol_contractor, status="blocked", percent_done=30, note=AWKWARD)


def _task_reminder(personas, client):
    task = _in_progress(personas)
    task.created_by = None  # the contractor's reminder alone (the author gets the same template)
    task.save()
    reminders_plan(now=NOW + timedelta(days=2, hours=6))  # Wednesday 16:00 UTC: two days before the deadline
    reminders_send(now=NOW + timedelta(days=2, hours=6))


def _deliverable_org(personas, client):
    task = make_task(personas, title=AWKWARD)
    task.status, task.sent_at, task.accepted_at = "accepted", NOW, NOW  # only the hand-over is mailed here
    task.save()
    deliverable_submit(task=task, contractor=personas.carol_contractor, links=["https://drive.example/menu"])


def _deliverable_decided(personas, client):
    task = make_task(personas, title=AWKWARD)
    task.status, task.sent_at, task.accepted_at = "accepted", NOW, NOW
    task.save()
    deliverable = Deliverable.objects.create(
        organization=personas.org, task=task, contractor=personas.carol_contractor, title=AWKWARD
    )
    DeliverableVersion.objects.create(
        organization=personas.org, deliverable=deliverable, contractor=personas.carol_contractor, number=1
    )
    deliverable_request_changes(deliverable=deliverable, actor=personas.alice, reasons=["errors"], comment=AWKWARD)


def _in_progress(personas):
    task = make_task(personas, title=AWKWARD)
    task.status, task.sent_at, task.accepted_at = "in_progress", NOW, NOW  # accepted before this test
    task.save()
    return task


SENDERS = {
    "bid_decided.txt": _bid_decided,
    "budget_alert.txt": _budget_alert,
    "contractor_invitation.txt": _contractor_invitation,
    "job_invitation.txt": _job_invitation,
    "job_apply_known.txt": _job_apply_known,
    "job_message.txt": _job_message,
    "interview_cancelled.txt": _interview_cancelled,
    "interview_invitation.txt": _interview_invitation,
    "interview_moved.txt": _interview_moved,
    "member_invitation.txt": _member_invitation,
    "password_reset.txt": _password_reset,
    "reference_reminder.txt": _reference_reminder,
    "reference_request.txt": _reference_request,
    "signup_confirm.txt": _signup_confirm,
    "signup_existing.txt": _signup_existing,
    "task_message.txt": _task_message,
    "task_checkin_alert.txt": _task_checkin_alert,
    "deliverable_decided.txt": _deliverable_decided,
    "deliverable_org.txt": _deliverable_org,
    "task_reminder.txt": _task_reminder,
    "task_reply.txt": _task_reply,
    "task_sent.txt": _task_sent,
    "time_reviewed.txt": _time_reviewed,
    **feedback_senders(AWKWARD),
}


def _email_templates() -> set[str]:
    # A *_subject.txt is the one-line subject of the e-mail named before it, not an e-mail.
    return {path.name for path in EMAIL_TEMPLATES.glob("*.txt") if not path.name.endswith("_subject.txt")}


def test_every_email_template_has_a_sender_here():
    missing = _email_templates() - set(SENDERS)
    assert not missing, f"Add a sender for {sorted(missing)} to SENDERS in {Path(__file__).name}"
    assert set(SENDERS) <= _email_templates()


@pytest.fixture
def awkward(personas):
    """Crumb & Co. and its owner Alice, renamed so their names need escaping in HTML."""
    personas.org.name = AWKWARD
    personas.org.save()
    personas.alice.name = AWKWARD
    personas.alice.save()
    return personas


@pytest.mark.parametrize("template", sorted(SENDERS))
def test_the_email_reads_as_typed_in_text_escaped_in_html_and_links_to_the_served_address(
    template, awkward, client, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = SERVED
    with django_capture_on_commit_callbacks(execute=True):
        SENDERS[template](awkward, client)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    text = message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"

    assert AWKWARD in text
    for entity in ("&amp;", "&lt;", "&gt;", "&quot;", "&#x27;", "&#39;"):
        assert entity not in text
    assert escape(AWKWARD) in html
    assert AWKWARD not in html and '<"T&J">' not in html

    text_links = re.findall(r"https?://[^\s]+", text)
    html_links = [unescape(href) for href in re.findall(r'href="([^"]*)"', html)]
    assert text_links, "every e-mail here leads somewhere"
    assert all(link.startswith(SERVED + "/") for link in text_links), text_links
    assert html_links == [link.rstrip(".,;:!?)") for link in text_links]


def test_a_url_typed_into_a_name_stays_text_in_html(personas, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = SERVED
    with django_capture_on_commit_callbacks(execute=True):
        _budget_alert(personas, None, name="Ads https://evil.example/login")

    [(html, _)] = mail.outbox[0].alternatives
    assert "https://evil.example/login" in html
    assert 'href="https://evil.example' not in html
