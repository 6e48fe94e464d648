"""`growth` in make bench without serving anything: its pages are the rows of issue 10's table and
the mixed load's other GETs, and its results writer produces the keys bench/README.md documents."""

import pytest

from bench import growth
from bench.load_requests import REQUESTS

LOGIN = {
    "org": "crumb",
    "owner_cookie": "__Host-sessionid=owner",
    "contractor_cookie": "__Host-sessionid=contractor",
    "org_token": "osr_org",
    "portal_token": "osr_portal",
    "budget_id": 7,
    "contract_id": 9,
    "worked_on": "2025-03-16",
}


def test_the_pages_cover_the_issue_table_and_the_mixed_loads_other_gets():
    specs = {name: growth.request_for(name, LOGIN) for name in growth.PAGES}
    # Issue 10's table: time review (any status), the API time entries, portal time, the ledger of
    # all dates and its htmx partial, the budget page.
    issue_rows = {name: (specs[name].path, specs[name].headers.get("HX-Request")) for name in growth.ISSUE_TABLE}
    assert issue_rows == {
        "time_review_any_status": ("/o/crumb/contracts/time/?status=", None),
        "api_time_entries": ("/api/v1/time-entries", None),
        "portal_time": ("/portal/time/", None),
        "ledger_all_dates": ("/o/crumb/budgets/7/?since=2000-01-01", None),
        "ledger_all_dates_htmx": ("/o/crumb/budgets/7/?since=2000-01-01", "true"),
        "budget_detail": ("/o/crumb/budgets/7/", None),
    }
    # Every GET of the mixed load is timed too (the write is not: it would change the data).
    gets = {name for name in REQUESTS if name != "time_entry_write"}
    assert gets - {"time_review"} <= set(growth.PAGES)
    assert "time_review_any_status" in growth.PAGES  # the mixed load's review, with every status
    assert all(s.method == "GET" and s.status == 200 for s in specs.values())
    assert specs["portal_time"].headers["Cookie"] == LOGIN["contractor_cookie"]
    assert specs["ledger_all_dates"].headers["Cookie"] == LOGIN["owner_cookie"]
    assert specs["api_time_entries"].headers["Authorization"] == "Bearer osr_org"
    assert all(s.headers["X-Forwarded-Proto"] == "https" for s in specs.values())
    with pytest.raises(KeyError):
        growth.request_for("time_entry_write", LOGIN)


def _times(base: float, large: float) -> dict:
    return {
        "50k": {name: [base, base + 1, base + 2, base + 40] for name in growth.PAGES},
        "1m": {name: [large, large + 1, large + 2, large + 40] for name in growth.PAGES},
    }


def test_the_results_writer_produces_the_documented_keys():
    times = _times(10.0, 11.5)
    times["1m"]["portal_time"] = [20.0, 21.0, 22.0, 60.0]  # grows 2×: fails
    entry = growth.growth_entry(
        times=times,
        paths={name: f"/{name}" for name in growth.PAGES},
        sizes={"50k": dict.fromkeys(growth.PAGES, 1000), "1m": dict.fromkeys(growth.PAGES, 1100)},
        runs=4,
        warmups=1,
        machine={"cpus": 2, "load_before": 0.5, "load_after": 0.7},
    )
    assert entry["name"] == "growth"
    assert (entry["db"], entry["scale"], entry["rows"], entry["base_rows"]) == ("postgres", "full", 1_000_000, 50_000)
    assert (entry["target"], entry["jit"], entry["workers"]) == (1.2, "off", 1)
    assert set(entry) >= {"runs", "warmups", "measured_on", "machine", "ok", "pages"}
    assert list(entry["pages"]) == list(growth.PAGES)
    page = entry["pages"]["budget_detail"]
    assert {key for key in page} >= {"p50_50k", "p50_1m", "ratio", "target", "ok", "p95_50k", "p95_1m"}
    assert (page["p50_50k"], page["p50_1m"], page["ratio"], page["target"], page["ok"]) == (11.5, 13.0, 1.13, 1.2, True)
    assert page["p95_50k"] > page["p50_50k"] and page["in_issue_table"] is True
    assert entry["pages"]["home"]["in_issue_table"] is False
    assert entry["pages"]["portal_time"]["ok"] is False
    assert entry["ok"] is False

    lines = growth.growth_table([{"name": "request_floor"}, entry])
    assert "| portal_time | yes | 11.50 |" in "\n".join(lines)
    assert sum(line.endswith("| **fail** |") for line in lines) == 1
    assert growth.growth_table([]) == ["Not measured yet: `make growth` (docs/performance.md)."]
