from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outsourcer.hiring.models import Job, JobInvitation, JobStatus
from outsourcer.hiring.selectors import job_share_token
from outsourcer.testing.builders import NOW, make_budget
from outsourcer.testing.fixtures import text
from outsourcer.testing.hiring import insert_bid, insert_job, second_bidder

pytestmark = pytest.mark.django_db


@pytest.fixture
def budget(personas, frozen):
    return make_budget(personas, name="Photos", amount_cents=1_000_000)


def _brief(budget, **extra):
    return {
        "title": "Spring menu photos",
        "budget": budget.pk,
        "goal": "Sell more pastries online.",
        "deliverables": "30 photos",
        "rate_model": "fixed",
        "expected_min": "1.500,00",
        "expected_max": "",
        "bids_due_at": "2025-03-24T17:00",
        **extra,
    }


# --- the list --------------------------------------------------------------------------------


def test_the_list_shows_open_jobs_and_drafts_by_default(login_as, personas, org_url, budget):
    insert_job(personas, budget=budget, title="Open one")
    insert_job(personas, budget=budget, title="Draft one", status=JobStatus.DRAFT)
    insert_job(personas, budget=budget, title="Closed one", status=JobStatus.CLOSED)

    body = text(login_as(personas.vera).get(org_url("hiring:job-list")))

    assert "Open one" in body and "Draft one" in body and "Closed one" not in body
    assert "€2,000.00 – €4,000.00" in body


def test_the_list_filters_by_status(login_as, personas, org_url, budget):
    insert_job(personas, budget=budget, title="Open one")
    insert_job(personas, budget=budget, title="Closed one", status=JobStatus.CLOSED)

    closed = text(login_as(personas.vera).get(org_url("hiring:job-list"), {"status": "closed"}))
    every = text(login_as(personas.vera).get(org_url("hiring:job-list"), {"status": "all"}))

    assert "Closed one" in closed and "Open one" not in closed
    assert "Closed one" in every and "Open one" in every


def test_the_filter_answers_htmx_with_the_results_only(login_as, personas, org_url, budget):
    insert_job(personas, budget=budget, title="Closed one", status=JobStatus.CLOSED)

    response = login_as(personas.vera).get(
        org_url("hiring:job-list"), {"status": "closed"}, headers={"HX-Request": "true"}
    )

    body = text(response)
    assert body.lstrip().startswith('<section id="results">') and "Closed one" in body


def test_an_empty_list_invites_runners_to_post_a_job(login_as, personas, org_url):
    manager = text(login_as(personas.bob).get(org_url("hiring:job-list")))
    viewer = text(login_as(personas.vera).get(org_url("hiring:job-list")))

    assert "No open jobs or drafts." in manager and org_url("hiring:job-create") in manager
    assert "No open jobs or drafts." in viewer and org_url("hiring:job-create") not in viewer


def test_the_org_menu_leads_to_hiring(login_as, personas, org_url):
    body = text(login_as(personas.vera).get(org_url("orgs:home")))

    assert f'href="{org_url("hiring:job-list")}"' in body


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_list_sends_as_many_queries_for_many_jobs_as_for_one(login_as, personas, org_url, budget):
    client = login_as(personas.alice)
    job = insert_job(personas, budget=budget)
    insert_bid(job, personas.carol_engagement)
    one = _queries(client, org_url("hiring:job-list"))
    for i in range(30):
        other = insert_job(personas, budget=make_budget(personas, name=f"B{i}"), title=f"Job {i}")
        insert_bid(other, personas.carol_engagement)

    many = _queries(client, org_url("hiring:job-list"))

    assert many == one <= 12
    assert "Page 1 of 2" in text(client.get(org_url("hiring:job-list")))


# --- the form --------------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "cents"), [("1.500,00", 150_000), ("1500", 150_000), ("1,500.50", 150_050)])
def test_it_creates_a_draft_with_money_as_typed(login_as, personas, org_url, budget, typed, cents):
    response = login_as(personas.bob).post(org_url("hiring:job-create"), _brief(budget, expected_min=typed))

    job = Job.objects.get()
    assert response.status_code == 302 and response.url == org_url("hiring:job-detail", job_id=job.pk)
    assert (job.status, job.expected_min_cents, job.expected_max_cents) == (JobStatus.DRAFT, cents, cents)


def test_the_bid_deadline_is_read_in_the_viewers_zone(login_as, personas, org_url, budget):
    personas.bob.time_zone = "America/New_York"
    personas.bob.save()

    login_as(personas.bob).post(org_url("hiring:job-create"), _brief(budget, expected_max="3000"))

    job = Job.objects.get()
    assert job.bids_due_at == datetime(2025, 3, 24, 21, 0, tzinfo=UTC)  # 17:00 in New York (EDT)
    assert (job.expected_min_cents, job.expected_max_cents) == (150_000, 300_000)


def test_a_wrong_form_keeps_what_was_typed(login_as, personas, org_url, budget):
    data = _brief(budget, expected_min="3000", expected_max="1000", goal="Keep <this> text")
    response = login_as(personas.bob).post(org_url("hiring:job-create"), data)

    body = text(response)
    assert response.status_code == 400
    assert "The lowest expected amount is above the highest." in body
    assert "Keep &lt;this&gt; text" in body and 'value="3000"' in body
    assert not Job.objects.exists()


def test_a_viewer_may_not_post_a_job(login_as, personas, org_url, budget):
    assert login_as(personas.vera).post(org_url("hiring:job-create"), _brief(budget)).status_code == 403
    assert not Job.objects.exists()


def test_it_edits_an_open_job_and_refuses_a_closed_one(login_as, personas, org_url, budget):
    job = insert_job(personas, budget=budget)
    closed = insert_job(personas, budget=budget, status=JobStatus.CLOSED)
    client = login_as(personas.bob)

    response = client.post(org_url("hiring:job-edit", job_id=job.pk), _brief(budget, title="Renamed"))
    refused = client.get(org_url("hiring:job-edit", job_id=closed.pk))

    job.refresh_from_db()
    assert response.status_code == 302 and job.title == "Renamed"
    assert refused.status_code == 302 and refused.url == org_url("hiring:job-detail", job_id=closed.pk)


def test_another_organizations_job_is_not_found(login_as, personas, org_url, frozen):
    oscars = insert_job(
        personas, organization=personas.other_org, budget=make_budget(personas, organization=personas.other_org)
    )

    assert login_as(personas.alice).get(org_url("hiring:job-detail", job_id=oscars.pk)).status_code == 404


# --- the job ---------------------------------------------------------------------------------


def test_the_job_shows_its_brief_bids_and_a_comparison_link(login_as, personas, org_url, budget):
    job = insert_job(personas, budget=budget)
    insert_bid(job, personas.carol_engagement, total_cents=250_000)

    body = text(login_as(personas.vera).get(org_url("hiring:job-detail", job_id=job.pk)))

    assert "Sell more spring pastries online." in body
    assert "Carol Contractor" in body and "€2,500.00" in body
    assert org_url("hiring:job-compare", job_id=job.pk) in body
    assert org_url("hiring:job-status", job_id=job.pk) not in body  # a viewer changes nothing


def test_each_bid_leads_to_its_thread_vetting_interview_and_award(login_as, personas, org_url, budget):
    job = insert_job(personas, budget=budget)
    bid = insert_bid(job, personas.carol_engagement)
    thread = org_url("hiring:job-thread", job_id=job.pk, contractor_id=personas.carol_contractor.pk)
    vetting = org_url("hiring:vetting", engagement_id=personas.carol_engagement.pk)
    interview = org_url("hiring:interview-create") + f"?bid={bid.pk}"
    award = org_url("hiring:bid-award", job_id=job.pk, bid_id=bid.pk)

    body = text(login_as(personas.bob).get(org_url("hiring:job-detail", job_id=job.pk)))
    assert all(url in body for url in (thread, vetting, interview, award))

    body = text(login_as(personas.vera).get(org_url("hiring:job-detail", job_id=job.pk)))
    assert thread in body and vetting in body
    assert interview not in body and award not in body  # a viewer neither schedules nor awards


def test_a_decided_bid_offers_no_award(login_as, personas, org_url, budget):
    job = insert_job(personas, budget=budget)
    bid = insert_bid(job, personas.carol_engagement, status="declined")
    body = text(login_as(personas.alice).get(org_url("hiring:job-detail", job_id=job.pk)))
    assert org_url("hiring:bid-award", job_id=job.pk, bid_id=bid.pk) not in body


def test_the_hiring_pages_share_a_menu(login_as, personas, org_url):
    client = login_as(personas.vera)
    for name in ("hiring:job-list", "hiring:interviews", "hiring:vetting-policy"):
        body = text(client.get(org_url(name)))
        for target in ("hiring:job-list", "hiring:interviews", "hiring:vetting-policy"):
            assert f'href="{org_url(target)}"' in body, (name, target)


def test_status_actions_ask_in_the_page_first(login_as, personas, org_url, budget):
    job = insert_job(personas, budget=budget)

    body = text(login_as(personas.bob).get(org_url("hiring:job-detail", job_id=job.pk)))

    assert body.count('<details class="confirm">') >= 2
    assert "Close to new bids" in body and "Cancel the job" in body and "Reopen" not in body


def test_opening_an_incomplete_draft_says_what_is_missing(login_as, personas, org_url, budget):
    job = insert_job(personas, budget=budget, status=JobStatus.DRAFT, goal="")

    response = login_as(personas.bob).post(org_url("hiring:job-status", job_id=job.pk), {"status": "open"}, follow=True)

    job.refresh_from_db()
    assert job.status == JobStatus.DRAFT
    assert "Goal is required before the job opens." in text(response)


def test_it_opens_a_complete_draft(login_as, personas, org_url, budget):
    job = insert_job(personas, budget=budget, status=JobStatus.DRAFT)

    response = login_as(personas.bob).post(org_url("hiring:job-status", job_id=job.pk), {"status": "open"})

    job.refresh_from_db()
    assert response.status_code == 302 and job.status == JobStatus.OPEN


def test_the_status_url_refuses_get(login_as, personas, org_url, budget):
    job = insert_job(personas, budget=budget)

    assert login_as(personas.bob).get(org_url("hiring:job-status", job_id=job.pk)).status_code == 405


def test_it_invites_from_the_directory(login_as, personas, org_url, budget, django_capture_on_commit_callbacks):
    job = insert_job(personas, budget=budget)
    erin = second_bidder(personas)
    client = login_as(personas.bob)
    page = text(client.get(org_url("hiring:job-detail", job_id=job.pk)))
    assert "Erin Bidder (prospect, no account yet)" in page and "Carol Contractor (active)" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            org_url("hiring:job-invite", job_id=job.pk), {"engagements": [personas.carol_engagement.pk, erin.pk]}
        )

    assert response.status_code == 302
    assert set(JobInvitation.objects.values_list("contractor__name", flat=True)) == {"Carol Contractor", "Erin Bidder"}


def test_inviting_nobody_explains_itself_on_the_page(login_as, personas, org_url, budget):
    job = insert_job(personas, budget=budget)

    response = login_as(personas.bob).post(org_url("hiring:job-invite", job_id=job.pk), {"engagements": []})

    assert response.status_code == 400
    assert "Choose at least one contractor to invite." in text(response)


def test_the_share_panel_makes_shows_and_revokes_a_link(login_as, personas, org_url, budget):
    job = insert_job(personas, budget=budget)
    client = login_as(personas.bob)

    client.post(org_url("hiring:job-share", job_id=job.pk), {"days": "10"})
    job.refresh_from_db()
    body = text(client.get(org_url("hiring:job-detail", job_id=job.pk)))

    assert job.share_expires_at == NOW + timedelta(days=10)
    assert f"/h/jobs/{job_share_token(job)}/" in body and 'id="share-url"' in body and "readonly" in body
    client.post(org_url("hiring:job-share-revoke", job_id=job.pk))
    job.refresh_from_db()
    assert job.share_nonce == ""
    assert 'id="share-url"' not in text(client.get(org_url("hiring:job-detail", job_id=job.pk)))


def test_a_wrong_share_lifetime_is_explained_next_to_it(login_as, personas, org_url, budget):
    job = insert_job(personas, budget=budget)

    response = login_as(personas.bob).post(org_url("hiring:job-share", job_id=job.pk), {"days": "400"})

    assert response.status_code == 400 and 'value="400"' in text(response)
