"""make loadtest without load: its request list is issue 10's ten everyday requests, and its
results writer produces the keys docs/performance.md documents. Nothing is served or sent."""

from pathlib import Path

import pytest

from bench import floor, loadtest, loadtest_results
from bench.load_requests import REQUESTS, TASK_WEIGHTS, request_for

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

LOCUST_CSV = (
    "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,"
    "Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%\n"
    "GET,home,100,0,40,45.1,20,300,4599,10.0,0.0,40,45,50,55,60,80,120,200,300,300,300\n"
    "POST,time_entry_write,50,1,35,40.2,20,250,252,5.0,0.1,35,40,45,50,60,70,100,150,250,250,250\n"
    ",Aggregated,150,1,38,43.5,20,300,3000,15.0,0.1,38,44,48,52,60,78,115,190,300,300,300\n"
)


def test_the_mixed_load_is_the_ten_everyday_requests():
    assert list(REQUESTS) == [
        "home",
        "budget_overview",
        "budget_detail",
        "ledger",
        "time_review",
        "contractor_list",
        "portal_time",
        "api_time_entries",
        "api_budget_ledger",
        "time_entry_write",
    ]
    specs = {name: request_for(name, LOGIN) for name in REQUESTS}
    assert {name: (s.method, s.path) for name, s in specs.items()} == {
        "home": ("GET", "/o/crumb/"),
        "budget_overview": ("GET", "/o/crumb/budgets/"),
        "budget_detail": ("GET", "/o/crumb/budgets/7/"),
        "ledger": ("GET", "/o/crumb/budgets/7/?kind=time"),
        "time_review": ("GET", "/o/crumb/contracts/time/"),
        "contractor_list": ("GET", "/o/crumb/contractors/"),
        "portal_time": ("GET", "/portal/time/"),
        "api_time_entries": ("GET", "/api/v1/time-entries"),
        "api_budget_ledger": ("GET", "/api/v1/budgets/7/ledger"),
        "time_entry_write": ("POST", "/api/v1/portal/time-entries"),
    }
    # Pages as the owner (the portal as the contractor), API lists with the organization's token,
    # the write with the contractor's; every one as behind the TLS proxy.
    assert specs["budget_overview"].headers["Cookie"] == LOGIN["owner_cookie"]
    assert specs["portal_time"].headers["Cookie"] == LOGIN["contractor_cookie"]
    assert specs["ledger"].headers["HX-Request"] == "true"
    assert specs["api_time_entries"].headers["Authorization"] == "Bearer osr_org"
    assert specs["time_entry_write"].headers["Authorization"] == "Bearer osr_portal"
    assert specs["time_entry_write"].status == 201
    assert all(s.headers["X-Forwarded-Proto"] == "https" for s in specs.values())
    with pytest.raises(KeyError):
        request_for("unknown", LOGIN)


def test_the_locustfile_runs_one_task_per_request_weighted_evenly():
    # Importing locust here would monkey-patch the test process (gevent): read the file instead.
    assert TASK_WEIGHTS == dict.fromkeys(REQUESTS, 1)
    source = (Path(loadtest.ROOT) / "bench" / "locustfile.py").read_text()
    assert "tasks = {_task(name): weight for name, weight in TASK_WEIGHTS.items()}" in source
    assert "wait_time = constant(0)" in source


def test_the_results_writer_produces_the_documented_keys(tmp_path):
    path = tmp_path / "stats.csv"
    path.write_text(LOCUST_CSV)
    stats = loadtest_results.read_locust_stats(path)
    assert stats | {"per_request": None} == {
        "requests": 150,
        "errors": 1,
        "req_per_s": 15.0,
        "p50_ms": 38.0,
        "p95_ms": 78.0,
        "p99_ms": 190.0,
        "per_request": None,
    }
    assert stats["per_request"]["time_entry_write"]["errors"] == 1
    meta = {
        "scale": "small",
        "measured_on": "2025-03-17",
        "seconds": 30,
        "workers": 4,
        "baseline_ref": "main^1",
        "baseline_commit": "0123456789abcdef",
        "machine": {"cpus": 2, "load_average_before": [0.1, 0.1, 0.1]},
    }
    entry = loadtest_results.result_entry(users=16, current=stats, baseline=stats, meta=meta)
    assert entry["name"] == "mixed_load_16"
    documented = {"name", "db", "scale", "rows", "measured_on", "users", "seconds", "workers", "requests", "errors"}
    documented |= {"req_per_s", "p50_ms", "p95_ms", "p99_ms", "per_request", "targets", "baseline", "machine"}
    assert set(entry) == documented | {"meets_targets"}
    assert entry["targets"] == {"errors": 0, "min_req_per_s": 90, "max_p95_ms": 300}
    assert set(entry["baseline"]) == {"ref", "commit", "schema", *loadtest_results.RESULT_KEYS, "per_request"}
    assert entry["meets_targets"] is False  # 1 error, 15 req/s
    assert loadtest_results.result_entry(users=8, current=stats, baseline=stats, meta=meta)["targets"] == {"errors": 0}

    table = loadtest_results.doc_table([entry])
    assert table.startswith(loadtest_results.TABLE_START) and table.endswith(loadtest_results.TABLE_END)
    assert "| 2025-03-17 | small | 16 | 15.0 | 38 | 78 | 190 | 1 |" in table
    assert "| time_entry_write | 35 | 35 | 1 | 1 |" in table


def test_the_request_floor_entry_has_the_documented_keys():
    median = {"bare": 2.0, "session": 3.0, "page": 5.0}
    entry = floor.floor_entry(
        db="postgres", scale="full", rows=10, runs=5, median=median, cpu={"bare": 1.0, "session": 2.0, "page": 3.0}
    )
    assert entry["name"] == "request_floor"
    assert (entry["ratio"], entry["ratio_to_session"], entry["cpu_ratio"], entry["target"]) == (2.5, 1.67, 3.0, 3.0)
    assert "| postgres | 2.00 | 3.00 | 5.00 | 2.50 | 1.67 | 1.00 / 2.00 / 3.00 | 3.0 | 3.0 | pass |" in "\n".join(
        floor.floor_table([entry])
    )


def test_the_previous_mains_schema_is_restored_by_unapplying_only_newer_migrations(tmp_path):
    for tree, apps in {"new": {"budgets": ["0001_a", "0002_b", "0003_c"], "home": ["0001_x"]}, "old": {}}.items():
        for app, names in apps.items():
            folder = tmp_path / tree / "outsourcer" / app / "migrations"
            folder.mkdir(parents=True)
            for name in names:
                (folder / f"{name}.py").write_text("")
    old = tmp_path / "old" / "outsourcer" / "budgets" / "migrations"
    old.mkdir(parents=True)
    (old / "0001_a.py").write_text("")
    (old / "0002_b.py").write_text("")
    assert loadtest.schema_targets(tmp_path / "new", tmp_path / "old") == [("budgets", "0002_b"), ("home", "zero")]
