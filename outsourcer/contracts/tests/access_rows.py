"""Access-matrix rows for the contracts, time-entries and contractor-portal API operations (the
contract pages' rows live with the pages)."""

from outsourcer.contracts.tests.access_rows_pages import PAGE_ROWS
from outsourcer.testing.builders import TODAY, log_time, make_budget, make_contract
from tests.access_matrix import OWN_WORK_API, Row, as_contractor_manager, expect

API_LIST = expect(401, 200, 200, 200, 404, 404, 200)
API_READ = expect(401, 200, 200, 200, 404, 404, 404)
API_RUNNER_WRITE = expect(401, 200, 200, 403, 404, 404, 404)
API_PORTAL_LIST = expect(401, 404, 404, 404, 200, 200, 404)
API_CAROLS = expect(401, 404, 404, 404, 200, 404, 404)
BIG = 10**9


def _budget(p):
    return make_budget(p, name="Matrix budget", amount_cents=BIG)


def _contract(p, **kwargs):
    return make_contract(p, _budget(p), **kwargs)


def _draft(p):
    return {"contract_id": _contract(p, activate=False).pk}


def _active(p):
    return {"contract_id": _contract(p).pk}


def _fixed(p):
    contract = _contract(p, rate_model="fixed")
    return {"contract_id": contract.pk, "milestone_id": contract.milestones.first().pk}


def _oscars_contract(p):
    # A budget no contract can exceed: these rows are about who may act, not the money guard, whose
    # verdict depends on how many weeks are left in the month the test runs in.
    budget = make_budget(p, name="Oscar's budget", organization=p.other_org, amount_cents=BIG)
    contract = make_contract(p, budget, contractor=p.dan_contractor, activate=False, title="Site")
    return {"contract_id": contract.pk}


def _entry(p):
    return {"entry_id": log_time(_contract(p)).pk}


def _none(p):
    return {}


def _new_contract(p):
    budget = _budget(p)
    return {
        "budget_id": budget.pk,
        "engagement_id": p.carol_engagement.pk,
        "title": "Photos",
        "rate_model": "hourly",
        "starts_on": "2025-01-01",
        "hourly_rate_cents": 6000,
        "weekly_cap_minutes": 600,
    }


API_ROWS = [
    Row("/api/v1/contracts", API_LIST, api=True),
    Row("/api/v1/contracts", expect(401, 201, 201, 403, 404, 404, 404), method="POST", api=True, data=_new_contract),
    Row("/api/v1/contracts/{contract_id}", API_READ, api=True, kwargs=_active),
    Row("/api/v1/contracts/{contract_id}", expect(401, 404, 404, 404, 404, 404, 200), api=True,
        kwargs=_oscars_contract, note="Oscar's contract"),
    Row("/api/v1/contracts/{contract_id}/activate", API_RUNNER_WRITE, method="POST", api=True, kwargs=_draft,
        data=lambda p: {}),
    Row("/api/v1/contracts/{contract_id}/activate", expect(401, 404, 404, 403, 404, 404, 200), method="POST",
        api=True, kwargs=_oscars_contract, data=lambda p: {}, note="Oscar's draft"),
    Row("/api/v1/contracts/{contract_id}/complete", API_RUNNER_WRITE, method="POST", api=True, kwargs=_active),
    Row("/api/v1/contracts/{contract_id}/end", API_RUNNER_WRITE, method="POST", api=True, kwargs=_active),
    Row("/api/v1/contracts/{contract_id}/milestones", API_READ, api=True, kwargs=_fixed),
    Row("/api/v1/contracts/{contract_id}/milestones/{milestone_id}/accept", API_RUNNER_WRITE, method="POST",
        api=True, kwargs=_fixed),
    Row("/api/v1/time-entries", API_LIST, api=True),
    Row("/api/v1/time-entries/{entry_id}", API_READ, api=True, kwargs=_entry),
    Row("/api/v1/time-entries/{entry_id}/approve", API_RUNNER_WRITE, method="POST", api=True, kwargs=_entry,
        data=lambda p: {}),
    Row("/api/v1/time-entries/{entry_id}/reject", API_RUNNER_WRITE, method="POST", api=True, kwargs=_entry,
        data=lambda p: {"reason": "Not ours"}),
    Row("/api/v1/time-entries/{entry_id}/reject", expect(401, 422, 422, 422, 422, 422, 422), method="POST",
        api=True, kwargs=_entry, data=lambda p: {"reason": ""}, note="no reason"),
    Row("/api/v1/time-entries/approve", API_RUNNER_WRITE, method="POST", api=True,
        data=lambda p: {"entry_ids": [log_time(_contract(p)).pk]}),
    Row("/api/v1/time-entries/reject", API_RUNNER_WRITE, method="POST", api=True,
        data=lambda p: {"entry_ids": [log_time(_contract(p)).pk], "reason": "Duplicate"}),
    # Carol, also a manager here, may not judge her own time or milestones (hole 2 of issue 8).
    Row("/api/v1/time-entries/{entry_id}/approve", OWN_WORK_API, method="POST", api=True,
        kwargs=as_contractor_manager(_entry), data=lambda p: {}, note="contractor-manager"),
    Row("/api/v1/time-entries/{entry_id}/reject", OWN_WORK_API, method="POST", api=True,
        kwargs=as_contractor_manager(_entry), data=lambda p: {"reason": "Mine"}, note="contractor-manager"),
    Row("/api/v1/time-entries/approve", OWN_WORK_API, method="POST", api=True, kwargs=as_contractor_manager(_none),
        data=lambda p: {"entry_ids": [log_time(_contract(p)).pk]}, note="contractor-manager"),
    Row("/api/v1/time-entries/reject", OWN_WORK_API, method="POST", api=True, kwargs=as_contractor_manager(_none),
        data=lambda p: {"entry_ids": [log_time(_contract(p)).pk], "reason": "Mine"}, note="contractor-manager"),
    Row("/api/v1/contracts/{contract_id}/milestones/{milestone_id}/accept", OWN_WORK_API, method="POST",
        api=True, kwargs=as_contractor_manager(_fixed), note="contractor-manager"),
    Row("/api/v1/portal/contracts", API_PORTAL_LIST, api=True),
    Row("/api/v1/portal/contracts/{contract_id}", API_CAROLS, api=True, kwargs=_active),
    Row("/api/v1/portal/time-entries", API_PORTAL_LIST, api=True),
    Row("/api/v1/portal/time-entries", expect(401, 404, 404, 404, 201, 404, 404), method="POST", api=True,
        data=lambda p: {"contract_id": _contract(p).pk, "worked_on": TODAY.isoformat(), "minutes": 45}),
    Row("/api/v1/portal/time-entries/{entry_id}", API_CAROLS, api=True, kwargs=_entry),
    Row("/api/v1/portal/time-entries/{entry_id}", API_CAROLS, method="PATCH", api=True, kwargs=_entry,
        data=lambda p: {"minutes": 50}),
    Row("/api/v1/portal/time-entries/{entry_id}", expect(401, 404, 404, 404, 204, 404, 404), method="DELETE",
        api=True, kwargs=_entry),
]  # fmt: skip

# The pages' rows (outsourcer/contracts/tests/access_rows_pages.py).
ROWS = API_ROWS + PAGE_ROWS
