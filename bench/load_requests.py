"""The ten everyday requests of the mixed load (issue 10), shared by the locustfile, the warm-up and
the test that checks the list (tests/test_loadtest.py). `login` is what bench/loadtest_login.py
printed: the organization, session cookies, API tokens and the ids the paths need."""

import json
from dataclasses import dataclass, field

# name → what a user does; the order is the order of the results table.
REQUESTS = {
    "home": "the organization's home page (owner; / only redirects there)",
    "budget_overview": "the budget overview",
    "budget_detail": "the budget with the most ledger rows",
    "ledger": "that budget's ledger, filtered to time, as htmx swaps it",
    "time_review": "time review",
    "contractor_list": "the contractor list",
    "portal_time": "the contractor's portal time page",
    "api_time_entries": "API: GET /api/v1/time-entries (organization token)",
    "api_budget_ledger": "API: GET /api/v1/budgets/<id>/ledger (organization token)",
    "time_entry_write": "API: POST /api/v1/portal/time-entries (contractor token), 15 minutes",
}

# Evenly weighted (issue 10: "weighted evenly unless the bench says otherwise"); the locustfile's tasks.
TASK_WEIGHTS = dict.fromkeys(REQUESTS, 1)


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    status: int
    headers: dict = field(default_factory=dict)
    body: str | None = None


def request_for(name: str, login: dict) -> Request:
    org = login.get("org", "crumb")
    budget = login.get("budget_id", 0)
    owner = {"Cookie": login.get("owner_cookie", "")}
    contractor = {"Cookie": login.get("contractor_cookie", "")}
    org_api = {"Authorization": f"Bearer {login.get('org_token', '')}"}
    # As behind the TLS-terminating proxy (docs/deploy.md); the session cookies are Secure ones.
    proxy = {"X-Forwarded-Proto": "https"}
    match name:
        case "home":
            return Request("GET", f"/o/{org}/", 200, proxy | owner)
        case "budget_overview":
            return Request("GET", f"/o/{org}/budgets/", 200, proxy | owner)
        case "budget_detail":
            return Request("GET", f"/o/{org}/budgets/{budget}/", 200, proxy | owner)
        case "ledger":
            return Request("GET", f"/o/{org}/budgets/{budget}/?kind=time", 200, proxy | owner | {"HX-Request": "true"})
        case "time_review":
            return Request("GET", f"/o/{org}/contracts/time/", 200, proxy | owner)
        case "contractor_list":
            return Request("GET", f"/o/{org}/contractors/", 200, proxy | owner)
        case "portal_time":
            return Request("GET", "/portal/time/", 200, proxy | contractor)
        case "api_time_entries":
            return Request("GET", "/api/v1/time-entries", 200, proxy | org_api)
        case "api_budget_ledger":
            return Request("GET", f"/api/v1/budgets/{budget}/ledger", 200, proxy | org_api)
        case "time_entry_write":
            payload = {"contract_id": login.get("contract_id", 0), "worked_on": login.get("worked_on"), "minutes": 15}
            headers = proxy | {
                "Authorization": f"Bearer {login.get('portal_token', '')}",
                "Content-Type": "application/json",
            }
            return Request("POST", "/api/v1/portal/time-entries", 201, headers, json.dumps(payload | {"note": "load"}))
    raise KeyError(name)
