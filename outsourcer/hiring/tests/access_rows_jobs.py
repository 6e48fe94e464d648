"""Access-matrix rows for the job pages and the jobs API (and the placeholders of pages other areas build)."""

from datetime import timedelta

from django.utils import timezone

from outsourcer.hiring.models import JobStatus
from outsourcer.testing.builders import make_budget
from outsourcer.testing.hiring import insert_job
from tests.access_matrix import ORG_READ, ORG_RUN_POST, Row, expect

RUNNERS_FORM = expect(302, 200, 200, 403, 404, 404, 404)
INVALID_RUN_POST = expect(302, 400, 400, 403, 404, 404, 404)
FOREIGN_READ = expect(302, 404, 404, 404, 404, 404, 404)
FOREIGN_RUNNER = expect(302, 404, 404, 403, 404, 404, 404)  # the role check comes before the object lookup
NOWHERE = expect(404, 404, 404, 404, 404, 404, 404)
API_LIST = expect(401, 200, 200, 200, 404, 404, 200)
API_READ = expect(401, 200, 200, 200, 404, 404, 404)
API_RUNNER_WRITE = expect(401, 200, 200, 403, 404, 404, 404)
API_RUNNER_CREATE = expect(401, 201, 201, 403, 404, 404, 404)
OSCARS_OWN_WRITE = expect(401, 404, 404, 403, 404, 404, 200)  # his own job, through his own token


def _due():
    # Rows run on the test clock, whatever day it is: bids are due a week after it.
    return timezone.now() + timedelta(days=7)


def _job(p, **fields):
    fields.setdefault("bids_due_at", _due())
    fields.setdefault("deadline_on", None)
    return insert_job(p, **fields)


def _oscars_job(p, **fields):
    budget = make_budget(p, organization=p.other_org, name="Oscar's hiring")
    return _job(p, budget=budget, organization=p.other_org, **fields)


def _org(p):
    return {"org_slug": p.org.slug}


def _open(p):
    return {"org_slug": p.org.slug, "job_id": _job(p).pk}


def _draft(p):
    return {"org_slug": p.org.slug, "job_id": _job(p, status=JobStatus.DRAFT).pk}


def _shared(p):
    job = _job(p, share_nonce="a" * 32, share_expires_at=_due())
    return {"org_slug": p.org.slug, "job_id": job.pk}


def _oscars(p):
    return {"org_slug": p.org.slug, "job_id": _oscars_job(p).pk}


def _brief(p, **extra):
    budget = make_budget(p, name="Matrix hiring")
    return {"title": "Spring photos", "budget": budget.pk, "rate_model": "fixed", "expected_min": "1.500,00", **extra}


def _api(kwargs):
    return lambda p: {k: v for k, v in kwargs(p).items() if k != "org_slug"}


PAGE_ROWS = [
    Row("hiring:job-list", ORG_READ, kwargs=_org),
    Row("hiring:job-create", RUNNERS_FORM, kwargs=_org),
    Row("hiring:job-create", ORG_RUN_POST, method="POST", kwargs=_org, data=_brief, get_allowed=True),
    Row("hiring:job-create", INVALID_RUN_POST, method="POST", kwargs=_org, get_allowed=True, note="invalid",
        data=lambda p: _brief(p, title="", expected_min="lots")),
    Row("hiring:job-detail", ORG_READ, kwargs=_open),
    Row("hiring:job-detail", ORG_READ, kwargs=_shared, note="shared"),
    Row("hiring:job-detail", FOREIGN_READ, kwargs=_oscars, note="Oscar's job"),
    Row("hiring:job-edit", RUNNERS_FORM, kwargs=_draft),
    Row("hiring:job-edit", ORG_RUN_POST, method="POST", kwargs=_draft, data=_brief, get_allowed=True),
    Row("hiring:job-edit", INVALID_RUN_POST, method="POST", kwargs=_draft, get_allowed=True, note="invalid",
        data=lambda p: _brief(p, expected_min="3000", expected_max="1000")),
    Row("hiring:job-edit", FOREIGN_RUNNER, method="POST", kwargs=_oscars, data=_brief, get_allowed=True,
        note="Oscar's job"),
    Row("hiring:job-status", ORG_RUN_POST, method="POST", kwargs=_open, data=lambda p: {"status": "closed"}),
    Row("hiring:job-status", FOREIGN_RUNNER, method="POST", kwargs=_oscars, data=lambda p: {"status": "closed"},
        note="Oscar's job"),
    Row("hiring:job-invite", ORG_RUN_POST, method="POST", kwargs=_open,
        data=lambda p: {"engagements": [p.carol_engagement.pk]}),
    Row("hiring:job-invite", INVALID_RUN_POST, method="POST", kwargs=_open, data=lambda p: {"engagements": []},
        note="nobody chosen"),
    Row("hiring:job-invite", FOREIGN_RUNNER, method="POST", kwargs=_oscars,
        data=lambda p: {"engagements": [p.carol_engagement.pk]}, note="Oscar's job"),
    Row("hiring:job-share", ORG_RUN_POST, method="POST", kwargs=_open, data=lambda p: {"days": "14"}),
    Row("hiring:job-share", INVALID_RUN_POST, method="POST", kwargs=_open, data=lambda p: {"days": "0"},
        note="too short"),
    Row("hiring:job-share-revoke", ORG_RUN_POST, method="POST", kwargs=_shared),
    Row("hiring:job-share-revoke", FOREIGN_RUNNER, method="POST", kwargs=_oscars, note="Oscar's job"),
]  # fmt: skip


def _new_job(p):
    budget = make_budget(p, name="Matrix hiring")
    return {"budget_id": budget.pk, "title": "Spring photos", "expected_min_cents": 150_000}


API_ROWS = [
    Row("/api/v1/jobs", API_LIST, api=True),
    Row("/api/v1/jobs", API_RUNNER_CREATE, method="POST", api=True, data=_new_job),
    Row("/api/v1/jobs", expect(401, 422, 422, 422, 422, 422, 422), method="POST", api=True, note="no title",
        data=lambda p: {**_new_job(p), "title": ""}),
    Row("/api/v1/jobs/{job_id}", API_READ, api=True, kwargs=_api(_open)),
    Row("/api/v1/jobs/{job_id}", expect(401, 404, 404, 404, 404, 404, 200), api=True, kwargs=_api(_oscars),
        note="Oscar's job"),
    Row("/api/v1/jobs/{job_id}", API_RUNNER_WRITE, method="PATCH", api=True, kwargs=_api(_draft),
        data=lambda p: {"title": "Summer photos"}),
    Row("/api/v1/jobs/{job_id}", OSCARS_OWN_WRITE, method="PATCH", api=True, kwargs=_api(_oscars),
        data=lambda p: {"title": "Mine now"}, note="Oscar's job"),
    Row("/api/v1/jobs/{job_id}/status", API_RUNNER_WRITE, method="POST", api=True, kwargs=_api(_open),
        data=lambda p: {"status": "closed"}),
    Row("/api/v1/jobs/{job_id}/invitations", API_READ, api=True, kwargs=_api(_open)),
    Row("/api/v1/jobs/{job_id}/invitations", API_RUNNER_CREATE, method="POST", api=True, kwargs=_api(_open),
        data=lambda p: {"engagement_ids": [p.carol_engagement.pk]}),
    # Oscar may invite to his own job, but only from his own directory.
    Row("/api/v1/jobs/{job_id}/invitations", expect(401, 404, 404, 403, 404, 404, 422), method="POST", api=True,
        kwargs=_api(_oscars), data=lambda p: {"engagement_ids": [p.carol_engagement.pk]}, note="Oscar's job"),
    Row("/api/v1/jobs/{job_id}/share-link", API_RUNNER_CREATE, method="POST", api=True, kwargs=_api(_open),
        data=lambda p: {"days": 14}),
    Row("/api/v1/jobs/{job_id}/share-link", expect(401, 204, 204, 403, 404, 404, 404), method="DELETE", api=True,
        kwargs=_api(_shared)),
]  # fmt: skip

ROWS = PAGE_ROWS + API_ROWS
