"""Access-matrix rows for the interview pages, the contractor's schedule and the interviews API."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from outsourcer.hiring.models import Interview
from tests.access_matrix import ORG_READ, ORG_RUN_POST, PORTAL_READ, Row, expect

RUNNER_PAGE = expect(302, 200, 200, 403, 404, 404, 404)
API_LIST = expect(401, 200, 200, 200, 404, 404, 200)
API_READ = expect(401, 200, 200, 200, 404, 404, 404)
API_RUNNER_WRITE = expect(401, 200, 200, 403, 404, 404, 404)
API_RUNNER_CREATE = expect(401, 201, 201, 403, 404, 404, 404)
API_PORTAL_LIST = expect(401, 404, 404, 404, 200, 200, 404)
API_CAROLS = expect(401, 404, 404, 404, 200, 404, 404)
REASON = "Agreed with Carol by phone."


def _interview(p, *, days: int = 2) -> Interview:
    """Carol's interview with Alice and Bob as interviewers, `days` from now (negative: held)."""
    interview = Interview.objects.create(
        organization=p.org,
        engagement=p.carol_engagement,
        contractor=p.carol_contractor,
        starts_at=timezone.now() + timedelta(days=days),
        location="https://meet.example/crumb",
        created_by=p.alice,
    )
    interview.interviewers.set([p.alice, p.bob])
    return interview


def _upcoming(p):
    return {"org_slug": p.org.slug, "interview_id": _interview(p).pk}


def _held(p):
    return {"org_slug": p.org.slug, "interview_id": _interview(p, days=-1).pk}


def _org(p):
    return {"org_slug": p.org.slug}


def _form(p):
    # Three days from now at 11:00 in Berlin (Alice's and Bob's zone), past any working-hours doubt.
    day = (timezone.now() + timedelta(days=3)).astimezone(ZoneInfo("Europe/Berlin")).date()
    return {
        "engagement": p.carol_engagement.pk,
        "day": day.isoformat(),
        "time": "11:00",
        "duration_minutes": 45,
        "interviewers": [p.alice.pk],
        "override_reason": REASON,
    }


def _new(p):
    return {
        "engagement_id": p.carol_engagement.pk,
        "starts_at": (timezone.now() + timedelta(days=3)).isoformat(),
        "interviewer_ids": [p.alice.pk],
        "override_reason": REASON,
    }


def _api_upcoming(p):
    return {"interview_id": _interview(p).pk}


def _api_held(p):
    return {"interview_id": _interview(p, days=-1).pk}


SCORES = {"communication": 4, "skill": 5, "reliability": 4, "understanding": 3, "notes": "Good."}

ROWS = [
    Row("hiring:interviews", ORG_READ, kwargs=_org),
    Row("hiring:interview-create", RUNNER_PAGE, kwargs=_org),
    Row("hiring:interview-create", ORG_RUN_POST, method="POST", kwargs=_org, data=_form, get_allowed=True),
    Row("hiring:interview-time-preview", RUNNER_PAGE, kwargs=_org,
        data=lambda p: {"engagement": p.carol_engagement.pk, "day": "2025-03-18", "time": "15:00"}),
    Row("hiring:interview-detail", ORG_READ, kwargs=_upcoming),
    Row("hiring:interview-reschedule", RUNNER_PAGE, kwargs=_upcoming),
    Row("hiring:interview-reschedule", ORG_RUN_POST, method="POST", kwargs=_upcoming,
        data=lambda p: {**_form(p), "interviewers": [p.alice.pk, p.bob.pk]}, get_allowed=True),
    Row("hiring:interview-cancel", ORG_RUN_POST, method="POST", kwargs=_upcoming),
    Row("hiring:interview-complete", ORG_RUN_POST, method="POST", kwargs=_held),
    Row("hiring:interview-scorecard", ORG_RUN_POST, method="POST", kwargs=_held, data=lambda p: SCORES),
    Row("hiring-portal:interviews", PORTAL_READ),
    Row("/api/v1/interviews", API_LIST, api=True),
    Row("/api/v1/interviews", API_RUNNER_CREATE, method="POST", api=True, data=_new),
    Row("/api/v1/interviews/{interview_id}", API_READ, api=True, kwargs=_api_upcoming),
    Row("/api/v1/interviews/{interview_id}", API_RUNNER_WRITE, method="PATCH", api=True, kwargs=_api_upcoming,
        data=lambda p: {"starts_at": (timezone.now() + timedelta(days=4)).isoformat(), "override_reason": REASON}),
    Row("/api/v1/interviews/{interview_id}/cancel", API_RUNNER_WRITE, method="POST", api=True, kwargs=_api_upcoming),
    Row("/api/v1/interviews/{interview_id}/complete", API_RUNNER_WRITE, method="POST", api=True, kwargs=_api_held),
    Row("/api/v1/interviews/{interview_id}/scorecards", API_READ, api=True, kwargs=_api_held),
    Row("/api/v1/interviews/{interview_id}/scorecards", API_RUNNER_CREATE, method="POST", api=True,
        kwargs=_api_held, data=lambda p: SCORES),
    Row("/api/v1/portal/interviews", API_PORTAL_LIST, api=True),
    Row("/api/v1/portal/interviews/{interview_id}", API_CAROLS, api=True, kwargs=_api_upcoming),
]  # fmt: skip
