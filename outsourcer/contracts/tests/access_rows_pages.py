"""Access-matrix rows for the contract, time-review and portal time pages (API rows: access_rows.py)."""

from outsourcer.budgets.periods import today_for
from outsourcer.contracts.models import ContractStatus
from outsourcer.lib.timezones import today_in
from outsourcer.testing.builders import make_budget
from outsourcer.testing.rows import insert_fixed_contract, insert_hourly_contract, insert_time_entry
from tests.access_matrix import (
    ORG_READ,
    ORG_RUN_POST,
    OWN_WORK_POST,
    PORTAL_READ,
    Row,
    as_contractor_manager,
    expect,
)

ORG = {"kwargs": lambda p: {"org_slug": p.org.slug}}
RUNNERS_FORM = expect(302, 200, 200, 403, 404, 404, 404)
INVALID_RUN_POST = expect(302, 400, 400, 403, 404, 404, 404)
FOREIGN_READ = expect(302, 404, 404, 404, 404, 404, 404)
FOREIGN_RUNNER = expect(302, 404, 404, 403, 404, 404, 404)  # the role check comes before the object lookup
CAROLS_OWN_READ = expect(302, 404, 404, 404, 200, 404, 404)
CAROLS_OWN_POST = expect(302, 404, 404, 404, 302, 404, 404)


def _carols_contract(p, **fields):
    return insert_hourly_contract(make_budget(p), p.carol_engagement, **fields)


def _dans_contract(p, **fields):
    return insert_hourly_contract(
        make_budget(p, organization=p.other_org, name="Oscar's ads"), p.dan_engagement, **fields
    )


def _contract(p):
    return {"org_slug": p.org.slug, "contract_id": _carols_contract(p).pk}


def _draft(p):
    return {
        "org_slug": p.org.slug,
        "contract_id": _carols_contract(p, status=ContractStatus.DRAFT, activated_at=None).pk,
    }


def _oscars_contract(p):
    return {"org_slug": p.org.slug, "contract_id": _dans_contract(p).pk}


def _milestone(p):
    contract = insert_fixed_contract(make_budget(p), p.carol_engagement)
    return {"org_slug": p.org.slug, "contract_id": contract.pk, "milestone_id": contract.milestones.first().pk}


def _oscars_milestone_in_own_contract(p):
    own = insert_fixed_contract(make_budget(p), p.carol_engagement)
    foreign = insert_fixed_contract(make_budget(p, organization=p.other_org, name="Oscar's ads"), p.dan_engagement)
    return {"org_slug": p.org.slug, "contract_id": own.pk, "milestone_id": foreign.milestones.first().pk}


def _entry(p):
    return {"org_slug": p.org.slug, "entry_id": insert_time_entry(_carols_contract(p)).pk}


def _oscars_entry(p):
    return {"org_slug": p.org.slug, "entry_id": insert_time_entry(_dans_contract(p)).pk}


def _bulk(p):
    return {"action": "approve", "entries": [insert_time_entry(_carols_contract(p)).pk]}


def _bulk_foreign(p):
    return {"action": "approve", "entries": [insert_time_entry(_dans_contract(p)).pk]}


def _contract_form(p):
    budget = make_budget(p, name="Matrix budget")
    return {"title": "Matrix contract", "contractor": p.carol_contractor.pk, "budget": budget.pk,
            "rate_model": "hourly", "starts_on": today_for(p.org).isoformat(), "hourly_rate": "60",
            "weekly_cap_hours": "10"}  # fmt: skip


def _carols_today(p) -> str:
    # Time is logged on the contractor's calendar, which near midnight UTC is not Berlin's.
    return today_in(p.carol_contractor.time_zone).isoformat()


def _log_time(p):
    contract = _carols_contract(p)
    return {"contract": contract.pk, "worked_on": _carols_today(p), "duration": "1:30", "note": "Edits"}


def _carols_entry(p):
    return {"entry_id": insert_time_entry(_carols_contract(p)).pk}


PAGE_ROWS = [
    # Carol, also a manager here, may not judge her own time or milestones (hole 2 of issue 8).
    Row(
        "contracts:time-approve",
        OWN_WORK_POST,
        method="POST",
        kwargs=as_contractor_manager(_entry),
        note="contractor-manager",
    ),
    Row(
        "contracts:time-reject",
        OWN_WORK_POST,
        method="POST",
        kwargs=as_contractor_manager(_entry),
        data=lambda p: {"reason": "Mine"},
        note="contractor-manager",
    ),
    Row(
        "contracts:time-bulk",
        OWN_WORK_POST,
        method="POST",
        data=_bulk,
        kwargs=as_contractor_manager(ORG["kwargs"]),
        note="contractor-manager",
    ),
    Row(
        "contracts:milestone-accept",
        OWN_WORK_POST,
        method="POST",
        kwargs=as_contractor_manager(_milestone),
        note="contractor-manager",
    ),
    Row("contracts:list", ORG_READ, **ORG),
    Row("contracts:export", ORG_READ, **ORG),
    Row("contracts:create", RUNNERS_FORM, **ORG),
    Row("contracts:create", ORG_RUN_POST, method="POST", get_allowed=True, data=_contract_form, **ORG),
    Row(
        "contracts:create",
        INVALID_RUN_POST,
        method="POST",
        get_allowed=True,
        data=lambda p: {"title": ""},
        note="invalid",
        **ORG,
    ),  # fmt: skip
    Row("contracts:detail", ORG_READ, kwargs=_contract),
    Row("contracts:detail", FOREIGN_READ, kwargs=_oscars_contract, note="foreign"),
    Row("contracts:edit", RUNNERS_FORM, kwargs=_draft),
    Row("contracts:edit", FOREIGN_RUNNER, kwargs=_oscars_contract, note="foreign"),
    Row("contracts:status", ORG_RUN_POST, method="POST", kwargs=_draft, data=lambda p: {"status": "ended"}),
    Row(
        "contracts:status",
        FOREIGN_RUNNER,
        method="POST",
        kwargs=_oscars_contract,
        data=lambda p: {"status": "ended"},
        note="foreign",
    ),  # fmt: skip
    Row("contracts:milestone-accept", ORG_RUN_POST, method="POST", kwargs=_milestone),
    Row(
        "contracts:milestone-accept",
        FOREIGN_RUNNER,
        method="POST",
        kwargs=_oscars_milestone_in_own_contract,
        note="foreign milestone",
    ),  # fmt: skip
    Row("contracts:time-review", ORG_READ, **ORG),
    Row("contracts:time-approve", ORG_RUN_POST, method="POST", kwargs=_entry),
    Row("contracts:time-approve", FOREIGN_RUNNER, method="POST", kwargs=_oscars_entry, note="foreign"),
    Row("contracts:time-reject", ORG_RUN_POST, method="POST", kwargs=_entry, data=lambda p: {"reason": "Not ours"}),
    Row(
        "contracts:time-reject",
        FOREIGN_RUNNER,
        method="POST",
        kwargs=_oscars_entry,
        data=lambda p: {"reason": "Not ours"},
        note="foreign",
    ),  # fmt: skip
    Row("contracts:time-bulk", ORG_RUN_POST, method="POST", data=_bulk, **ORG),
    Row("contracts:time-bulk", FOREIGN_RUNNER, method="POST", data=_bulk_foreign, note="foreign", **ORG),
    Row("portal:time", PORTAL_READ),
    # Dan has no contract with Crumb: Carol's contract is not among his choices.
    Row("portal:time", expect(302, 404, 404, 404, 302, 400, 404), method="POST", get_allowed=True, data=_log_time),
    Row("portal:time-edit", CAROLS_OWN_READ, kwargs=_carols_entry),
    Row(
        "portal:time-edit",
        CAROLS_OWN_POST,
        method="POST",
        get_allowed=True,
        kwargs=_carols_entry,
        data=lambda p: {"worked_on": _carols_today(p), "duration": "45m", "note": "Shorter"},
    ),  # fmt: skip
    Row("portal:time-understood", PORTAL_READ),
    Row("portal:time-delete", CAROLS_OWN_POST, method="POST", kwargs=_carols_entry),
]
