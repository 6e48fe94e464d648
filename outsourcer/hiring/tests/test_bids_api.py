"""The bids API: the contractor's jobs, bid and Q&A under /portal; a job's bids and threads under
/jobs. JSON errors with their documented statuses and codes."""

from datetime import timedelta

import pytest
import time_machine

from outsourcer.hiring.models import Bid
from outsourcer.messaging.models import Message
from outsourcer.testing.builders import TODAY
from outsourcer.testing.hiring import insert_bid, insert_invitation, insert_job, second_bidder

pytestmark = pytest.mark.django_db

TERMS = {
    "rate_model": "retainer",
    "retainer_fee_cents": 150_000,
    "retainer_months": 3,
    "proposed_start_on": (TODAY + timedelta(days=3)).isoformat(),
    "finishes_on": (TODAY + timedelta(days=95)).isoformat(),
}


@pytest.fixture
def job(personas, frozen):
    job = insert_job(personas, created_by=personas.alice)
    insert_invitation(job, personas.carol_engagement)
    return job


@pytest.fixture
def carol_api(api_as, personas):
    return api_as(personas.carol, portal=True)


def test_carol_lists_her_jobs_without_the_budget(carol_api, job):
    body = carol_api.get("/portal/jobs").json()
    assert [item["title"] for item in body["items"]] == [job.title]
    item = body["items"][0]
    assert item["currency"] == "EUR" and item["organization_name"] == "Crumb & Co."
    assert not {"budget_id", "expected_min_cents", "expected_max_cents", "budget"} & set(item)


def test_carol_submits_revises_and_withdraws_through_the_api(carol_api, job):
    response = carol_api.post(f"/portal/jobs/{job.pk}/bid", TERMS)
    assert response.status_code == 200
    assert (response.json()["total_cents"], response.json()["revision"]) == (450_000, 1)
    assert "total_budget_cents" not in response.json()

    response = carol_api.post(f"/portal/jobs/{job.pk}/bid", {**TERMS, "retainer_months": 4})
    body = response.json()
    assert (body["revision"], body["total_cents"], [r["number"] for r in body["revisions"]]) == (2, 600_000, [2, 1])

    assert carol_api.post(f"/portal/jobs/{job.pk}/bid/withdraw").json()["status"] == "withdrawn"
    again = carol_api.post(f"/portal/jobs/{job.pk}/bid/withdraw")
    assert (again.status_code, again.json()["code"]) == (400, "illegal_transition")


def test_errors_are_json_with_codes(carol_api, job):
    response = carol_api.post(f"/portal/jobs/{job.pk}/bid", {**TERMS, "currency": "USD"})
    assert response.status_code == 422 and "exchange_rate_micros" in response.json()["errors"]
    response = carol_api.post(f"/portal/jobs/{job.pk}/bid", {**TERMS, "retainer_months": 0})
    assert response.status_code == 422 and "retainer_months" in response.json()["errors"]
    with time_machine.travel(job.bids_due_at, tick=False):
        response = carol_api.post(f"/portal/jobs/{job.pk}/bid", TERMS)
    assert (response.status_code, response.json()["code"]) == (400, "bid_deadline_passed")
    assert carol_api.get(f"/portal/jobs/{job.pk}/bid").status_code == 404
    assert not Bid.objects.exists()


def test_another_contractor_gets_404_everywhere(api_as, personas, job):
    insert_bid(job, personas.carol_engagement)
    dan = api_as(personas.dan, portal=True)
    for path in (f"/portal/jobs/{job.pk}", f"/portal/jobs/{job.pk}/bid", f"/portal/jobs/{job.pk}/messages"):
        assert dan.get(path).status_code == 404
    assert dan.post(f"/portal/jobs/{job.pk}/bid", TERMS).status_code == 404
    assert dan.post(f"/portal/jobs/{job.pk}/messages", {"body": "Hi"}).status_code == 404


def test_the_organization_reads_bids_and_answers_a_thread(api_as, carol_api, personas, job):
    insert_bid(job, personas.carol_engagement, total_cents=250_000)
    erin = second_bidder(personas)
    insert_bid(job, erin, total_cents=180_000)
    assert carol_api.post(f"/portal/jobs/{job.pk}/messages", {"body": "Saturday?"}).status_code == 201

    bob = api_as(personas.bob)
    bids = bob.get(f"/jobs/{job.pk}/bids").json()["items"]
    assert [(b["contractor_name"], b["total_budget_cents"]) for b in bids] == [
        ("Erin Bidder", 180_000), ("Carol Contractor", 250_000)
    ]  # fmt: skip
    assert bob.get(f"/jobs/{job.pk}/bids/{bids[1]['id']}").json()["revisions"][0]["number"] == 1
    threads = bob.get(f"/jobs/{job.pk}/threads").json()["items"]
    assert [(t["contractor_name"], t["unread_count"]) for t in threads] == [("Carol Contractor", 1)]

    path = f"/jobs/{job.pk}/threads/{personas.carol_contractor.pk}"
    response = bob.post(f"{path}/messages", {"body": "Yes, Saturday."})
    assert response.status_code == 201 and response.json()["author_name"] == "Bob Manager"
    assert [m["body"] for m in bob.get(path).json()["items"]] == ["Saturday?", "Yes, Saturday."]
    assert carol_api.post(f"/portal/jobs/{job.pk}/messages/read").json() == {"marked": 1}

    vera = api_as(personas.vera)
    assert vera.get(path).status_code == 200
    assert vera.post(f"{path}/messages", {"body": "Hi"}).status_code == 403
    assert bob.post(f"{path}/messages", {"body": "a\x00b"}).status_code == 422
    assert Message.objects.count() == 2


def test_oscar_cannot_read_crumbs_bids(api_as, personas, job):
    insert_bid(job, personas.carol_engagement)
    assert api_as(personas.oscar).get(f"/jobs/{job.pk}/bids").status_code == 404
