"""Access-matrix rows for the award (page and API) and the vetting policy (page and API)."""

from datetime import timedelta

from outsourcer.budgets.periods import today_for
from outsourcer.testing.builders import make_budget
from outsourcer.testing.hiring import insert_bid, insert_job, insert_vetting
from tests.access_matrix import (
    ORG_OWNER_POST,
    ORG_READ,
    OWN_WORK_API,
    OWN_WORK_POST,
    Row,
    as_contractor_manager,
    expect,
)

BIG = 10**9
RUNNERS_PAGE = expect(302, 200, 200, 403, 404, 404, 404)
RUNNERS_POST = expect(302, 302, 302, 403, 404, 404, 404)
# An unvetted contractor: owner and manager are refused (409) until an owner gives a reason.
UNVETTED_POST = expect(302, 409, 409, 403, 404, 404, 404)
FOREIGN_RUNNER = expect(302, 404, 404, 403, 404, 404, 404)  # the role check comes before the object lookup
API_AWARD = expect(401, 200, 200, 403, 404, 404, 404)
API_UNVETTED = expect(401, 409, 409, 403, 404, 404, 404)


def _bid(p, *, vetted=True, organization=None, engagement=None):
    # Dates from the organization's today on the test clock: the award activates the contract today.
    organization = organization or p.org
    today = today_for(organization)
    budget = make_budget(p, organization=organization, name="Matrix hiring", amount_cents=BIG)
    job = insert_job(p, budget=budget, organization=organization, deadline_on=today + timedelta(days=30))
    engagement = engagement or p.carol_engagement
    if vetted:
        insert_vetting(p, engagement)
    return insert_bid(
        job, engagement, proposed_start_on=today + timedelta(days=3), finishes_on=today + timedelta(days=25)
    )


def _page(bid, p):
    return {"org_slug": p.org.slug, "job_id": bid.job_id, "bid_id": bid.pk}


def _vetted(p):
    return _page(_bid(p), p)


def _unvetted(p):
    return _page(_bid(p, vetted=False), p)


def _oscars(p):
    return _page(_bid(p, organization=p.other_org, engagement=p.dan_engagement), p)


def _api(bid):
    return {"job_id": bid.job_id, "bid_id": bid.pk}


def _dates(p):
    today = today_for(p.org)
    return {"starts_on": today.isoformat(), "ends_on": (today + timedelta(days=25)).isoformat()}


ORG = {"kwargs": lambda p: {"org_slug": p.org.slug}}
AWARD = "/api/v1/hiring/jobs/{job_id}/bids/{bid_id}/award"
POLICY = {"min_interviews": 1, "min_references": 1, "require_company_checks": False}

ROWS = [
    Row("hiring:bid-award", RUNNERS_PAGE, kwargs=_vetted),
    Row("hiring:bid-award", RUNNERS_POST, method="POST", kwargs=_vetted, data=lambda p: {}, get_allowed=True),
    Row("hiring:bid-award", UNVETTED_POST, method="POST", kwargs=_unvetted, data=lambda p: {}, get_allowed=True,
        note="unvetted"),
    Row("hiring:bid-award", FOREIGN_RUNNER, kwargs=_oscars, note="Oscar's bid"),
    Row("hiring:bid-award", FOREIGN_RUNNER, method="POST", kwargs=_oscars, data=lambda p: {}, get_allowed=True,
        note="Oscar's bid"),
    # Carol, also a manager here, may not award a job to her own bid.
    Row("hiring:bid-award", expect(302, 200, 200, 403, 403, 404, 404), kwargs=as_contractor_manager(_vetted),
        note="contractor-manager"),
    Row("hiring:bid-award", OWN_WORK_POST, method="POST", kwargs=as_contractor_manager(_vetted), data=lambda p: {},
        get_allowed=True, note="contractor-manager"),
    Row("hiring:vetting-policy", ORG_READ, **ORG),
    Row("hiring:vetting-policy", ORG_OWNER_POST, method="POST", **ORG, get_allowed=True,
        data=lambda p: {"min_interviews": "1", "min_references": "1"}),
    Row(AWARD, API_AWARD, method="POST", api=True, kwargs=lambda p: _api(_bid(p)), data=_dates),
    Row(AWARD, API_UNVETTED, method="POST", api=True, kwargs=lambda p: _api(_bid(p, vetted=False)),
        data=lambda p: {}, note="unvetted"),
    Row(AWARD, expect(401, 404, 404, 403, 404, 404, 200), method="POST", api=True,
        kwargs=lambda p: _api(_bid(p, organization=p.other_org, engagement=p.dan_engagement)), data=lambda p: {},
        note="Oscar's bid"),
    Row(AWARD, OWN_WORK_API, method="POST", api=True, kwargs=as_contractor_manager(lambda p: _api(_bid(p))),
        data=lambda p: {}, note="contractor-manager"),
    Row("/api/v1/hiring/vetting-policy", expect(401, 200, 200, 200, 404, 404, 200), api=True),
    Row("/api/v1/hiring/vetting-policy", expect(401, 200, 403, 403, 404, 404, 200), method="PUT", api=True,
        data=lambda p: POLICY),
]  # fmt: skip
