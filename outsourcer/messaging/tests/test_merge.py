"""Merging a prospect into an account (contractors.merge) moves their threads and messages; where
both had a thread on the same job, the prospect's messages join the account's one thread."""

import pytest

from outsourcer.contractors.merge import contractor_merge
from outsourcer.hiring.services import job_message_post
from outsourcer.messaging.models import Message, Thread
from outsourcer.testing.builders import NOW
from outsourcer.testing.hiring import insert_invitation, insert_job, insert_job_message, second_bidder

pytestmark = pytest.mark.django_db


def test_two_threads_on_one_job_become_the_accounts_one(personas, frozen):
    job = insert_job(personas, created_by=personas.alice)
    erin = second_bidder(personas)  # a prospect record, no account
    insert_invitation(job, erin)
    job_message_post(job=job, contractor=erin.contractor, actor=None, body="From the record", from_contractor=True)
    dan = personas.dan_contractor
    insert_job_message(job, dan, from_contractor=True, body="From the account", at=NOW)
    other_job = insert_job(personas, budget=job.budget, title="Bread labels")
    insert_job_message(other_job, erin.contractor, from_contractor=False, body="Labels?", at=NOW)

    contractor_merge(merged=erin.contractor, into=dan)

    assert sorted(Thread.objects.values_list("job_id", "contractor_id")) == [(job.pk, dan.pk), (other_job.pk, dan.pk)]
    on_job = Message.objects.filter(job=job).order_by("id")
    assert [(m.body, m.contractor_id) for m in on_job] == [("From the record", dan.pk), ("From the account", dan.pk)]
    assert {m.thread_id for m in on_job} == {Thread.objects.get(job=job).pk}
