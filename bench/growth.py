"""growth (issue 10): every page's p50 at 1,000,000 rows ≤ 1.2× its p50 at 50,000 rows.

Measured from outside on PostgreSQL with the production settings: the tree is served by gunicorn
(bench/serve.py: DEBUG off, a generated SECRET_KEY, collected static files, requests as from the
TLS proxy; one worker) twice at once, on the bench's 50,000-row database (`outsourcer_bench_small`)
and on its 1,000,000-row one (`outsourcer_bench`), both with `jit = off` (PGOPTIONS, as
docs/deploy.md asks of production; the databases themselves are not altered). Each server is a
fresh process; this tree's migrations are applied to both databases first.

Interleaved rounds, as in bench/floor.py: per round, every page on the two servers one after the
other (which database goes first alternates between rounds, so drift hits both alike), each
request on a fresh connection, timed by the client; GROWTH_WARMUPS rounds, then GROWTH_RUNS
measured rounds; p50 and p95 per page and database. The ratio is p50 at 1,000,000 ÷ p50 at 50,000,
target ≤ 1.2 per page.

The pages: the rows of the issue's table (time review of any status, `GET /api/v1/time-entries`,
portal time, the budget page's ledger of all dates and its htmx partial, the budget page) and the
other GET requests of the mixed load (bench/load_requests.py: the organization's home page, the
budget overview, the contractor list, the API budget ledger, the ledger filtered to time as htmx
swaps it). Users and ids as for the mixed load (bench/loadtest_login.py, per database: the demo
organization's owner, its budget with the most ledger rows, the contractor with the busiest active
hourly contract, an organization token).

Writes `growth` to bench/results/latest.json and the table between the `<!-- bench:growth -->`
markers of docs/performance.md; `make growth` runs it alone, `make bench` after its timing when
PostgreSQL is part of a full-scale run.

Environment (besides bench/run.py's BENCH_PG_URL and BENCH_PG_DATABASE):
  GROWTH_RUNS     measured rounds (default 100)
  GROWTH_WARMUPS  warm-up rounds (default 10)
  GROWTH_DRY_RUN  1: the 50,000-row database against itself, to check the run works in a minute;
                  printed and written to bench/results/data.tmp/growth-dry-run.json only, never
                  to latest.json or the docs
"""

import dataclasses
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import load_requests, serve  # noqa: E402 - needs the path above
from bench.load_requests import Request  # noqa: E402

TARGET = 1.2
WORK = Path(__file__).resolve().parent / "results" / "loadtest.tmp"  # shared with floor.py, loadtest.py
START, END = "<!-- bench:growth -->", "<!-- /bench:growth -->"
# As docs/deploy.md asks of production; given to each connection, the database is not altered.
JIT_OFF = "-c jit=off"
BASE_ROWS, LARGE_ROWS = 50_000, 1_000_000

# name → what is requested. First the rows of issue 10's table, then the mixed load's other GETs
# (same names as bench/load_requests.py where the request is the same).
PAGES = {
    "time_review_any_status": "time review, any status (`?status=`)",
    "api_time_entries": "`GET /api/v1/time-entries` (organization token)",
    "portal_time": "portal time (the contractor)",
    "ledger_all_dates": "the budget page with its ledger of all dates (`?since=2000-01-01`)",
    "ledger_all_dates_htmx": "the ledger of all dates as htmx swaps it (the partial)",
    "budget_detail": "the budget page (the budget with the most ledger rows)",
    "home": "the organization's home page",
    "budget_overview": "the budget overview",
    "contractor_list": "the contractor list",
    "api_budget_ledger": "`GET /api/v1/budgets/<id>/ledger` (organization token)",
    "ledger": "the ledger filtered to time, as htmx swaps it",
}
ISSUE_TABLE = (
    "time_review_any_status",
    "api_time_entries",
    "portal_time",
    "ledger_all_dates",
    "ledger_all_dates_htmx",
    "budget_detail",
)
ALL_DATES = "?since=2000-01-01"


def say(message: str) -> None:
    print(f"[growth] {message}", flush=True)


def request_for(name: str, login: dict) -> Request:
    """The GET of page `name` for the users and ids of `login` (what bench/loadtest_login.py printed)."""
    if name not in PAGES:
        raise KeyError(name)
    match name:
        case "time_review_any_status":
            review = load_requests.request_for("time_review", login)
            return dataclasses.replace(review, path=review.path + "?status=")
        case "ledger_all_dates" | "ledger_all_dates_htmx":
            detail = load_requests.request_for("budget_detail", login)
            headers = detail.headers | ({"HX-Request": "true"} if name.endswith("_htmx") else {})
            return dataclasses.replace(detail, path=detail.path + ALL_DATES, headers=headers)
    return load_requests.request_for(name, login)


# --- the results ---------------------------------------------------------------------------------


def percentile(values: list[float], pct: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1] if len(values) > 1 else values[0]


def growth_entry(
    *,
    times: dict[str, dict[str, list[float]]],
    paths: dict[str, str],
    sizes: dict[str, dict[str, int]],
    runs: int,
    warmups: int,
    machine: dict,
) -> dict:
    """The `growth` entry of bench/results/latest.json (keys in bench/README.md). `times` and
    `sizes` are keyed by "50k" and "1m", then by page name."""
    pages = {}
    for name, what in PAGES.items():
        base, large = times["50k"][name], times["1m"][name]
        p50_base, p50_large = statistics.median(base), statistics.median(large)
        ratio = round(p50_large / p50_base, 2)
        pages[name] = {
            "what": what,
            "path": paths[name],
            "in_issue_table": name in ISSUE_TABLE,
            "p50_50k": round(p50_base, 2),
            "p95_50k": round(percentile(base, 95), 2),
            "p50_1m": round(p50_large, 2),
            "p95_1m": round(percentile(large, 95), 2),
            "ratio": ratio,
            "target": TARGET,
            "ok": ratio <= TARGET,
            "bytes_50k": sizes["50k"][name],
            "bytes_1m": sizes["1m"][name],
        }
    return {
        "name": "growth",
        "db": "postgres",
        "scale": "full",
        "rows": LARGE_ROWS,
        "base_rows": BASE_ROWS,
        "target": TARGET,
        "runs": runs,
        "warmups": warmups,
        "workers": 1,
        "jit": "off",
        "measured_on": datetime.now(UTC).date().isoformat(),
        "machine": machine,
        "ok": all(page["ok"] for page in pages.values()),
        "pages": pages,
    }


def growth_table(entries: list[dict]) -> list[str]:
    """The lines between the growth markers of docs/performance.md (without the markers)."""
    entry = next((e for e in entries if e["name"] == "growth"), None)
    if entry is None:
        return ["Not measured yet: `make growth` (docs/performance.md)."]
    verdict = {True: "pass", False: "**fail**"}
    machine = entry.get("machine") or {}
    lines = [
        f"Measured {entry['measured_on']}: {entry['runs']} rounds after {entry['warmups']} warm-ups, "
        f"{machine.get('cpus', '?')} CPUs, load average {machine.get('load_before', '?')} before and "
        f"{machine.get('load_after', '?')} after. Result: {verdict[entry['ok']]}.",
        "",
        "| page | issue table | p50 ms at 50k | p95 ms at 50k | p50 ms at 1M | p95 ms at 1M | ratio | target "
        "| result |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, page in entry["pages"].items():
        lines.append(
            f"| {name} | {'yes' if page['in_issue_table'] else ''} | {page['p50_50k']:.2f} | {page['p95_50k']:.2f} "
            f"| {page['p50_1m']:.2f} | {page['p95_1m']:.2f} | {page['ratio']:.2f} | {page['target']} "
            f"| {verdict[page['ok']]} |"
        )
    return lines


# --- the measurement -----------------------------------------------------------------------------


def machine_load() -> dict:
    try:
        load = round(os.getloadavg()[0], 2)
    except OSError:
        load = None
    return {"cpus": os.cpu_count(), "load_before": load}


def _check_jit_off(env: dict) -> None:
    code = "import os, psycopg; print(psycopg.connect(os.environ['DATABASE_URL']).execute('SHOW jit').fetchone()[0])"
    shown = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    if shown.stdout.strip() != "off":
        raise RuntimeError(f"jit is {shown.stdout.strip()!r} for the served database, not off")


def measure_growth(*, database_urls: dict[str, str], runs: int, warmups: int) -> tuple[dict, dict]:
    """Serve the tree on each database ("50k", "1m") at once and time every page, interleaved.
    Returns (times, extras): times[side][page] in ms; extras: paths, sizes."""
    from bench.generate import DEMO_OWNER_EMAIL, DEMO_SLUG

    secret = serve.new_secret_key()
    envs, logins = {}, {}
    for side, url in database_urls.items():
        env = serve.production_env(database_url=url, static_root=WORK / "static-current", secret_key=secret)
        env["PGOPTIONS"] = f"{env.get('PGOPTIONS', '')} {JIT_OFF}".strip()
        say(f"{side}: migrate, sign in (jit off)")
        serve.manage(serve.ROOT, env, "migrate", "--noinput", "--verbosity", "0")
        _check_jit_off(env)
        envs[side] = env
        logins[side] = serve.login(serve.ROOT, env, org_slug=DEMO_SLUG, owner_email=DEMO_OWNER_EMAIL, tokens=True)
    say("collecting static files if they changed")
    serve.collectstatic(serve.ROOT, next(iter(envs.values())))
    requests = {side: {name: request_for(name, logins[side]) for name in PAGES} for side in envs}
    times: dict[str, dict[str, list[float]]] = {side: {name: [] for name in PAGES} for side in envs}
    sizes: dict[str, dict[str, int]] = {side: {} for side in envs}
    sides = list(envs)
    servers = {
        side: serve.Server(serve.ROOT, envs[side], workers=1, log=WORK / f"gunicorn-growth-{side}.log")
        for side in sides
    }
    with servers[sides[0]], servers[sides[1]]:
        say(f"serving: {', '.join(f'{side} on :{servers[side].port}' for side in sides)}; {warmups} + {runs} rounds")
        started = time.monotonic()
        for i in range(warmups + runs):
            order = sides if i % 2 == 0 else sides[::-1]
            for name in PAGES:
                for side in order:
                    request = requests[side][name]
                    begun = time.perf_counter()
                    status, body = serve.get(servers[side].port, request.path, headers=request.headers)
                    elapsed = (time.perf_counter() - begun) * 1000
                    if status != request.status:
                        raise RuntimeError(f"{side}: {name} GET {request.path} answered {status}, not {request.status}")
                    if i >= warmups:
                        times[side][name].append(elapsed)
                    else:
                        sizes[side][name] = len(body)
                        if "HX-Request" in request.headers and b"<html" in body:
                            raise RuntimeError(f"{side}: {name} answered the whole page, not the htmx partial")
            done = i + 1 - warmups
            if done == 0 or (done > 0 and (done % 25 == 0 or done == runs)):
                say(f"{'warmed up' if done == 0 else f'round {done}/{runs}'} ({time.monotonic() - started:.0f} s)")
    paths = {name: requests[sides[0]][name].path for name in PAGES}
    return times, {"paths": paths, "sizes": sizes}


def main() -> int:
    from bench import run

    dry_run = os.environ.get("GROWTH_DRY_RUN", "") not in ("", "0")
    runs = int(os.environ.get("GROWTH_RUNS", "100"))
    warmups = int(os.environ.get("GROWTH_WARMUPS", "10"))
    if runs < 2 or warmups < 1:
        say("GROWTH_RUNS must be at least 2 and GROWTH_WARMUPS at least 1")
        return 2
    if not run.pg_reachable():
        say(f"PostgreSQL is not reachable at {run.pg_server_url()} (set BENCH_PG_URL)")
        return 1
    scales = {"50k": "small", "1m": "small" if dry_run else "full"}
    for scale in sorted(set(scales.values()), reverse=True):  # small first: it is quick
        code = subprocess.call([sys.executable, str(Path(run.__file__).resolve()), "--prepare", "postgres", scale])
        if code != 0:
            say(f"preparing the {scale} data set failed (exit {code})")
            return code
    if dry_run:
        say("dry run: the 50,000-row database against itself (not written to latest.json or the docs)")
    machine = machine_load()
    database_urls = {side: run.pg_url(run.PG_DATABASES[scale]) for side, scale in scales.items()}
    started = time.monotonic()
    times, extras = measure_growth(database_urls=database_urls, runs=runs, warmups=warmups)
    machine["load_after"] = machine_load()["load_before"]
    entry = growth_entry(times=times, runs=runs, warmups=warmups, machine=machine, **extras)
    entry["seconds"] = round(time.monotonic() - started, 1)
    entry["databases"] = {side: run.PG_DATABASES[scale] for side, scale in scales.items()}
    if dry_run:
        entry |= {"name": "growth (dry run: 50,000 rows against themselves)", "scale": "small", "rows": BASE_ROWS}
        out = run.DATA / "growth-dry-run.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(entry, indent=2) + "\n")
    else:
        run.update_doc_table(run.update_results([entry]))
        out = run.LATEST
    for line in growth_table([entry | {"name": "growth"}]):
        print(line)
    say(f"{'PASS' if entry['ok'] else 'FAIL'}: {entry['seconds']:.0f} s; results in {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
