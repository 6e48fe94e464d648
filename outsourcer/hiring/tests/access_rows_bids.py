"""Access-matrix rows of bids: the portal's jobs, bid and Q&A pages, the organization's thread page,
the share link's public form, and their API operations."""

from datetime import timedelta

from django.utils import timezone

from outsourcer.hiring.models import Bid, BidStatus
from outsourcer.hiring.tokens import token_make, token_nonce
from outsourcer.messaging.models import Message
from outsourcer.testing.hiring import insert_bid, insert_invitation, insert_job, insert_job_message
from tests.access_matrix import ORG_READ, PORTAL_READ, PUBLIC, Row, count, expect

CAROL_PAGE = expect(302, 404, 404, 404, 200, 404, 404)
CAROL_POST = expect(302, 404, 404, 404, 302, 404, 404)
ORG_RUNNER_POST = expect(302, 302, 302, 403, 404, 404, 404)
API_ORG_READ = expect(401, 200, 200, 200, 404, 404, 404)
API_ORG_RUNNER = expect(401, 201, 201, 403, 404, 404, 404)
API_PORTAL_LIST = expect(401, 404, 404, 404, 200, 200, 404)
API_CAROLS = expect(401, 404, 404, 404, 200, 404, 404)
API_CAROLS_CREATE = expect(401, 404, 404, 404, 201, 404, 404)
BID_TERMS = {"rate_model": "fixed", "fixed_total_cents": 250_000, "proposed_start_on": "2026-01-05",
             "finishes_on": "2026-02-05", "approach": "Window light."}  # fmt: skip


def _open_job(p):
    # The bid deadline is a week after the test's own clock, so bidding is allowed on any run date.
    job = insert_job(p, created_by=p.alice, bids_due_at=timezone.now() + timedelta(days=7))
    insert_invitation(job, p.carol_engagement)
    return job


def _job(p):
    return {"job_id": _open_job(p).pk}


def _bid(p):
    bid = insert_bid(_open_job(p), p.carol_engagement)
    return {"job_id": bid.job_id, "bid_id": bid.pk}


def _thread(p):
    job = _open_job(p)
    insert_job_message(job, p.carol_contractor, author=p.carol, from_contractor=True, body="Hi?", at=timezone.now())
    return {"org_slug": p.org.slug, "job_id": job.pk, "contractor_id": p.carol_contractor.pk}


def _answered(p):
    job = _open_job(p)
    insert_job_message(job, p.carol_contractor, author=p.bob, from_contractor=False, body="Yes.", at=timezone.now())
    return {"job_id": job.pk}


def _share(p):
    nonce = token_nonce()
    job = insert_job(p, bids_due_at=timezone.now() + timedelta(days=7), share_nonce=nonce,
                     share_expires_at=timezone.now() + timedelta(days=30))  # fmt: skip
    return {"token": token_make(kind="job-share", row_id=job.pk, nonce=nonce)}


def _form_bid(p):
    return {"rate_model": "fixed", "fixed_total": "2500", "proposed_start_on": "2026-01-05",
            "finishes_on": "2026-02-05"}  # fmt: skip


def _apply(p):
    return {**_form_bid(p), "name": "Nora Newcomer", "email": "nora@new.example"}


READ = count(Message, read_at__isnull=False)
SUBMITTED = count(Bid, status=BidStatus.SUBMITTED)

PAGE_ROWS = [
    Row("hiring-portal:job-list", PORTAL_READ),
    Row("hiring-portal:job-detail", CAROL_PAGE, kwargs=_job),
    Row("hiring-portal:bid-submit", CAROL_POST, method="POST", kwargs=_job, data=_form_bid),
    Row("hiring-portal:bid-withdraw", CAROL_POST, method="POST",
        kwargs=lambda p: {"job_id": _bid(p)["job_id"]}),
    Row("hiring-portal:job-message", CAROL_POST, method="POST", kwargs=_job, data=lambda p: {"body": "When?"}),
    Row("hiring-portal:job-messages-read", CAROL_POST, method="POST", kwargs=_answered, wrote=READ),
    Row("hiring:job-thread", ORG_READ, kwargs=_thread),
    Row("hiring:job-thread", ORG_RUNNER_POST, method="POST", kwargs=_thread, data=lambda p: {"body": "Yes."},
        get_allowed=True),
    Row("hiring:job-thread-read", ORG_RUNNER_POST, method="POST", kwargs=_thread, wrote=READ),
    Row("hiring-public:job-apply", PUBLIC, kwargs=_share),
    Row("hiring-public:job-apply", expect(302, 302, 302, 302, 302, 302, 302), method="POST", kwargs=_share,
        data=_apply, get_allowed=True),
]  # fmt: skip


def _thread_api(p):
    kwargs = _thread(p)
    kwargs.pop("org_slug")
    return kwargs


def _oscars_job(p):
    job = insert_job(p, organization=p.other_org, bids_due_at=timezone.now() + timedelta(days=7))
    insert_invitation(job, p.dan_engagement)
    return job


API_ROWS = [
    Row("/api/v1/portal/jobs", API_PORTAL_LIST, api=True),
    Row("/api/v1/portal/jobs/{job_id}", API_CAROLS, api=True, kwargs=_job),
    Row("/api/v1/portal/jobs/{job_id}", expect(401, 404, 404, 404, 404, 200, 404), api=True,
        kwargs=lambda p: {"job_id": _oscars_job(p).pk}, note="Dan's invitation"),
    Row("/api/v1/portal/jobs/{job_id}/bid", API_CAROLS, api=True, kwargs=_bid),
    Row("/api/v1/portal/jobs/{job_id}/bid", API_CAROLS, method="POST", api=True, kwargs=_job,
        data=lambda p: BID_TERMS, wrote=SUBMITTED),
    Row("/api/v1/portal/jobs/{job_id}/bid/withdraw", API_CAROLS, method="POST", api=True, kwargs=_bid),
    Row("/api/v1/portal/jobs/{job_id}/messages", API_CAROLS, api=True, kwargs=_answered),
    Row("/api/v1/portal/jobs/{job_id}/messages", API_CAROLS_CREATE, method="POST", api=True, kwargs=_job,
        data=lambda p: {"body": "When?"}),
    Row("/api/v1/portal/jobs/{job_id}/messages/read", API_CAROLS, method="POST", api=True, kwargs=_answered,
        wrote=READ),
    Row("/api/v1/jobs/{job_id}/bids", API_ORG_READ, api=True, kwargs=_bid),
    Row("/api/v1/jobs/{job_id}/bids/{bid_id}", API_ORG_READ, api=True, kwargs=_bid),
    Row("/api/v1/jobs/{job_id}/threads", API_ORG_READ, api=True, kwargs=_thread_api),
    Row("/api/v1/jobs/{job_id}/threads/{contractor_id}", API_ORG_READ, api=True, kwargs=_thread_api),
    Row("/api/v1/jobs/{job_id}/threads/{contractor_id}/messages", API_ORG_RUNNER, method="POST", api=True,
        kwargs=_thread_api, data=lambda p: {"body": "Yes."}),
    Row("/api/v1/jobs/{job_id}/threads/{contractor_id}/read", expect(401, 200, 200, 403, 404, 404, 404),
        method="POST", api=True, kwargs=_thread_api, wrote=READ),
]  # fmt: skip

ROWS = PAGE_ROWS + API_ROWS
