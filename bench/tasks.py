"""The task pages and the owner's home page from outside (issue 12 §10, issue 13 §7): part of
`make bench` when PostgreSQL is there; alone with `make bench-tasks` (or `BENCH_ONLY=tasks make bench`).

Two PostgreSQL data sets (bench/tasks_data.py: the demo organization with 20 contractors and 2,000,
then 20,000 tasks; generated once, reused while their marker matches), this tree's migrations
applied, each served by gunicorn with the production settings (bench/serve.py; one worker,
`jit = off`). Per request: 5 warm-up rounds then 30 measured ones; in each round the request goes to
both servers in turn (which goes first alternates), each on a new connection, timed by the client.
Beside the client's clock, the worker's own CPU per request (from /proc/<pid>/schedstat), which
moves much less when other work shares the machine. Queries per request are counted through the
test client on each database (bench/tasks_data.py login). Results: entries named as in REQUESTS,
scale "tasks", in bench/results/latest.json, and the table between the bench:tasks markers in
docs/performance.md.

Environment: BENCH_TASK_RUNS (default 30), BENCH_TASK_ONLY=name,name (some entries only; the table
keeps the others' last results), BENCH_PG_URL and BENCH_PG_DATABASE as for bench/run.py (the
databases are NAME_tasks_2000 and NAME_tasks_20000).
"""

import http.client
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import serve  # noqa: E402 - needs the path above

START, END = "<!-- bench:tasks -->", "<!-- /bench:tasks -->"
SIZES = (2_000, 20_000)
WARMUPS = 5
GROWTH_TARGET = 1.2
WORK = ROOT / "bench" / "results" / "loadtest.tmp"  # shared with bench/floor.py (static files, logs)
# name → (what, p50 target in ms at 20,000 tasks or None)
REQUESTS = {
    "task_list_page": ("the organization's task list, page 1 (owner)", 35),
    "contractor_tasks_api": ("GET /api/v1/portal/tasks (the contractor's token)", 8),
    "contractor_tasks_page": ("the portal's task list (the contractor)", 20),
    "task_detail_page": ("a task with its thread and check-ins (owner)", 25),
    "task_create_api": ("POST /api/v1/tasks (the owner's token)", 15),
    "task_create_page": ("the new-task form (owner)", None),
    "owner_home": ("the organization's home page (owner)", 120),
}


def say(message: str) -> None:
    print(f"[bench:tasks] {message}", flush=True)


def requests_for(login: dict) -> dict[str, tuple[str, str, dict, str, int]]:
    """name → (method, path, headers, body, expected status)."""
    org, owner = login["org"], {"Cookie": login["owner_cookie"]}
    deadline = (datetime.now(UTC) + timedelta(days=14)).replace(hour=15, minute=0, second=0, microsecond=0)
    body = {
        "contract_id": login["contract_id"],
        "title": "Autumn menu photos",
        "goal": "More bookings from the autumn menu page: guests should see the new dishes first.",
        "deliverables": "Twelve photos of the new dishes, one per dish, on a plain background.",
        "acceptance_criteria": ["Every dish has one photo"],
        "deadline_at": deadline.isoformat(),
        "estimate_minutes": 240,
    }
    return {
        "task_list_page": ("GET", f"/o/{org}/tasks/", owner, "", 200),
        "contractor_tasks_api": (
            "GET",
            "/api/v1/portal/tasks",
            {"Authorization": f"Bearer {login['portal_token']}"},
            "",
            200,
        ),
        "contractor_tasks_page": ("GET", "/portal/tasks/", {"Cookie": login["contractor_cookie"]}, "", 200),
        "task_detail_page": ("GET", f"/o/{org}/tasks/{login['task_id']}/", owner, "", 200),
        "task_create_api": (
            "POST",
            "/api/v1/tasks",
            {"Authorization": f"Bearer {login['org_token']}", "Content-Type": "application/json"},
            json.dumps(body),
            201,
        ),
        "task_create_page": ("GET", f"/o/{org}/tasks/new/", owner, "", 200),
        "owner_home": ("GET", f"/o/{org}/", owner, "", 200),
    }


def send(port: int, method: str, path: str, headers: dict, body: str) -> tuple[int, bytes]:
    """One request on a new connection (gunicorn's sync workers close it after each response)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body or None, headers={**serve.PROXY_HEADERS, **headers})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def worker_cpu_ns(server: serve.Server) -> int | None:
    """The gunicorn worker's CPU time so far (Linux: /proc/<pid>/schedstat), or None."""
    pid = server.process.pid
    try:
        worker = int(Path(f"/proc/{pid}/task/{pid}/children").read_text().split()[0])
        return int(Path(f"/proc/{worker}/schedstat").read_text().split()[0])
    except (OSError, IndexError, ValueError):
        return None


def database(size: int) -> str:
    from bench import run

    return run.pg_url(f"{run.PG_DATABASES['full']}_tasks_{size}")


def prepare(size: int) -> None:
    """Generate the data set unless its marker matches (a mismatching database is recreated)."""
    import psycopg

    from bench import run, tasks_data

    url = database(size)
    name = url.rsplit("/", 1)[1]
    month = datetime.now(UTC).date().isoformat()[:7]
    wanted = {"version": tasks_data.VERSION, "seed": tasks_data.SEED, "tasks": size, "month": month}
    try:
        with psycopg.connect(url, connect_timeout=5) as conn:
            row = conn.execute("SELECT value FROM bench_marker WHERE key = 'tasks'").fetchone()
        current = row is not None and json.loads(row[0]) == wanted
    except psycopg.Error:
        current = False
    if not current:
        say(f"{size:,} tasks: generating {name}")
        with psycopg.connect(run.pg_server_url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "true"}
    subprocess.run([sys.executable, "-m", "bench.tasks_data", "generate", str(size)], cwd=ROOT, env=env, check=True)


def serve_env(size: int) -> tuple[dict, dict]:
    """The production environment for one data set, and its sign-ins and query counts."""
    env = serve.production_env(
        database_url=database(size), static_root=WORK / "static-current", secret_key=serve.new_secret_key()
    )
    env["PGOPTIONS"] = f"{env.get('PGOPTIONS', '')} -c jit=off".strip()
    serve.collectstatic(ROOT, env)
    result = subprocess.run(
        [sys.executable, "-m", "bench.tasks_data", "login"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"signing in on {size} tasks failed:\n{result.stdout}\n{result.stderr}")
    return env, json.loads(result.stdout.strip().splitlines()[-1])


def measure(runs: int) -> list[dict]:
    from contextlib import ExitStack

    from bench.growth import machine_load

    for size in SIZES:
        prepare(size)
    started = time.perf_counter()
    machine = machine_load()
    with ExitStack() as stack:
        sides = {}
        for size in SIZES:
            env, login = serve_env(size)
            log = WORK / f"gunicorn-tasks-{size}.log"
            server = stack.enter_context(serve.Server(ROOT, env, workers=1, log=log))
            sides[size] = (server, login, requests_for(login))
            say(f"{size:,} tasks ({login['tasks']:,} in the table, Carol's {login['carol_tasks']:,}): {server.url}")
        times = {name: {size: [] for size in SIZES} for name in chosen()}
        cpu = {name: {} for name in chosen()}
        for name in chosen():
            before = {}
            for i in range(WARMUPS + runs):
                if i == WARMUPS:
                    before = {size: worker_cpu_ns(sides[size][0]) for size in SIZES}
                order = SIZES if i % 2 == 0 else tuple(reversed(SIZES))
                for size in order:
                    server, _, requests = sides[size]
                    method, path, headers, body, status = requests[name]
                    t0 = time.perf_counter()
                    answered, content = send(server.port, method, path, headers, body)
                    elapsed = (time.perf_counter() - t0) * 1000
                    if answered != status:
                        raise RuntimeError(f"{name} on {size}: {method} {path} answered {answered}: {content[:300]}")
                    if i >= WARMUPS:
                        times[name][size].append(elapsed)
            for size in SIZES:
                after = worker_cpu_ns(sides[size][0])
                cpu[name][size] = (
                    round((after - before[size]) / 1e6 / runs, 2) if after is not None and before[size] else None
                )
            p50 = [statistics.median(times[name][size]) for size in SIZES]
            say(f"{name}: p50 {p50[0]:.1f} ms at {SIZES[0]:,} tasks, {p50[1]:.1f} ms at {SIZES[1]:,}")
    machine["load_after"] = machine_load()["load_before"]
    logins = {size: sides[size][1] for size in SIZES}
    return [
        entry(name, times[name], cpu[name], logins, runs, machine, round(time.perf_counter() - started))
        for name in chosen()
    ]


def chosen() -> list[str]:
    """The entries to measure: BENCH_TASK_ONLY=name,name (default: all of REQUESTS)."""
    only = [name for name in os.environ.get("BENCH_TASK_ONLY", "").split(",") if name]
    unknown = set(only) - set(REQUESTS)
    if unknown:
        raise SystemExit(f"BENCH_TASK_ONLY: no entry named {', '.join(sorted(unknown))} (see REQUESTS)")
    return [name for name in REQUESTS if not only or name in only]


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def entry(name: str, times: dict, cpu: dict, logins: dict, runs: int, machine: dict, seconds: int) -> dict:
    """One `latest.json` entry: p50/p95 at 20,000 tasks (and at 2,000), queries, growth."""
    small, big = SIZES
    what, target = REQUESTS[name]
    p50 = {size: statistics.median(values) for size, values in times.items()}
    growth = round(p50[big] / p50[small], 2)
    queries = {size: logins[size]["queries"][name] for size in SIZES}
    ok = growth <= GROWTH_TARGET and (target is None or p50[big] <= target) and queries[small] == queries[big]
    return {
        "name": name,
        "db": "postgres",
        "scale": "tasks",
        "what": what,
        "path": requests_for(logins[big])[name][1].replace(logins[big]["org"], "<org>"),
        "tasks": big,
        "base_tasks": small,
        "p50_ms": round(p50[big], 2),
        "p95_ms": round(_p95(times[big]), 2),
        "p50_ms_base": round(p50[small], 2),
        "p95_ms_base": round(_p95(times[small]), 2),
        "queries": queries[big],
        "queries_base": queries[small],
        "growth": growth,
        "target_ms": target,
        "growth_target": GROWTH_TARGET,
        "ok": ok,
        "worker_cpu_ms": cpu[big],
        "worker_cpu_ms_base": cpu[small],
        "runs": runs,
        "warmups": WARMUPS,
        "workers": 1,
        "jit": "off",
        "machine": machine,
        "seconds": seconds,
        "measured_on": datetime.now(UTC).date().isoformat(),
        "samples_ms": {str(size): [round(v, 2) for v in values] for size, values in times.items()},
    }


def tasks_table(entries: list[dict]) -> list[str]:
    """The table between the bench:tasks markers in docs/performance.md."""
    rows = [e for e in entries if e.get("scale") == "tasks"]
    order = list(REQUESTS)
    rows.sort(key=lambda e: order.index(e["name"]) if e["name"] in order else len(order))
    lines = [
        "| request | p50 ms (2,000) | p50 ms (20,000) | p95 ms (20,000) | growth | worker CPU ms (2,000 / 20,000) "
        "| queries | target p50 | result |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for e in rows:
        cpu = " / ".join(f"{v:.1f}" if v is not None else "–" for v in (e["worker_cpu_ms_base"], e["worker_cpu_ms"]))
        queries = f"{e['queries']}" if e["queries"] == e["queries_base"] else f"{e['queries_base']} → {e['queries']}"
        target = f"≤ {e['target_ms']}" if e["target_ms"] is not None else "–"
        lines.append(
            f"| `{e['name']}` | {e['p50_ms_base']:.1f} | {e['p50_ms']:.1f} | {e['p95_ms']:.1f} | {e['growth']:.2f} "
            f"| {cpu} | {queries} | {target} | {'pass' if e['ok'] else '**fail**'} |"
        )
    if rows:
        m = rows[0]["machine"]
        lines += [
            "",
            f"Measured {rows[0]['measured_on']}: {rows[0]['runs']} requests after {rows[0]['warmups']} warm-ups each, "
            f"{m.get('cpus', '?')} CPUs, load average {m.get('load_before', '?')} before and "
            f"{m.get('load_after', '?')} after; growth = p50 at 20,000 ÷ p50 at 2,000 (target ≤ {GROWTH_TARGET}).",
        ]
    return lines


def write_table(entries: list[dict]) -> None:
    """Rewrite only the bench:tasks block of docs/performance.md (`make bench` rewrites them all)."""
    import re

    doc = ROOT / "docs" / "performance.md"
    table = "\n".join([START, *tasks_table(entries), END])
    text = doc.read_text()
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)
    doc.write_text(pattern.sub(lambda _: table, text) if pattern.search(text) else f"{text}\n{table}\n")


def main() -> int:
    from bench import run

    if not run.pg_reachable():
        say(f"PostgreSQL is not reachable at {run.pg_server_url()} (set BENCH_PG_URL)")
        return 1
    entries = measure(int(os.environ.get("BENCH_TASK_RUNS", "30")))
    write_table(run.update_results(entries))
    for line in tasks_table(entries):
        print(line)
    return 0


if __name__ == "__main__":  # make bench-tasks
    raise SystemExit(main())
