"""request_floor (issue 10, item 6): the fixed cost of a signed-in page, measured from outside.

The tree is served by gunicorn with production settings (bench/serve.py; one worker, so requests
queue on nothing) on the bench's database. Interleaved rounds of three requests on fresh
connections, timed by the client:
  bare     GET /healthz with no cookie: the minimal Django view, no session (the denominator)
  session  GET /healthz with the owner's session cookie: the same view, session and user loaded
  page     GET /notifications/ as the owner: the lightest signed-in page (numerator)
Medians; the ratio page ÷ bare has the target ≤ 3. bench/run.py calls `measure_floor` for each
database it benchmarks.
"""

import os
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path

from bench import serve

TARGET = 3.0
WARMUPS = 20
WORK = Path(__file__).resolve().parent / "results" / "loadtest.tmp"  # shared with bench/loadtest.py


def say(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def measure_floor(
    *, db: str, scale: str, rows: int, database_url: str = "", sqlite_path: str = "", tree: Path | None = None
) -> dict:
    """`tree` (default: this checkout) lets the same measurement run on another version's files."""
    return measure_floors(
        db=db, scale=scale, rows=rows, database_url=database_url, sqlite_path=sqlite_path, trees=[tree or serve.ROOT]
    )[0]


def measure_floors(
    *, db: str, scale: str, rows: int, trees: list[Path], database_url: str = "", sqlite_path: str = ""
) -> list[dict]:
    """One entry per tree, all served at once and their rounds interleaved, so that a comparison
    of two versions sees the same machine (`python bench/floor.py --against REF`)."""
    from contextlib import ExitStack

    from bench.generate import DEMO_OWNER_EMAIL, DEMO_SLUG

    runs = int(os.environ.get("BENCH_FLOOR_RUNS", "200"))
    sides_of, servers = {}, {}
    with ExitStack() as stack:
        for root in trees:
            static_root = WORK / ("static-current" if root == serve.ROOT else f"static-{root.name}")
            env = serve.production_env(
                database_url=database_url,
                sqlite_path=sqlite_path,
                static_root=static_root,
                secret_key=serve.new_secret_key(),
            )
            say(f"{db}/{scale}: request floor of {root} (collecting static files if they changed)")
            if root == serve.ROOT:
                # A reused data set may predate this tree's migrations (another tree shares its schema).
                serve.manage(root, env, "migrate", "--noinput", "--verbosity", "0")
            serve.collectstatic(root, env)
            login = serve.login(root, env, org_slug=DEMO_SLUG, owner_email=DEMO_OWNER_EMAIL, tokens=False)
            cookie = login["owner_cookie"]
            sides_of[root] = {
                "bare": ("/healthz", {}),
                "session": ("/healthz", {"Cookie": cookie}),
                "page": ("/notifications/", {"Cookie": cookie}),
            }
            log = WORK / f"gunicorn-floor-{db}-{len(servers)}.log"
            servers[root] = stack.enter_context(serve.Server(root, env, workers=1, log=log))
        times = {root: {name: [] for name in sides_of[root]} for root in trees}
        for i in range(WARMUPS + runs):
            for root in trees:
                for name, (path, headers) in sides_of[root].items():
                    started = time.perf_counter()
                    status, body = serve.get(servers[root].port, path, headers=headers)
                    elapsed = (time.perf_counter() - started) * 1000
                    if status != 200 or (name == "page" and b"Notifications" not in body):
                        raise RuntimeError(f"request floor: {path} answered {status}")
                    if i >= WARMUPS:
                        times[root][name].append(elapsed)
        # The worker's own CPU per request, in blocks per side: unlike the client's clock it
        # hardly moves when other work shares the machine (Linux only; None elsewhere).
        cpu = {
            root: {name: worker_cpu_ms(servers[root], path, headers, runs) for name, (path, headers) in sides.items()}
            for root, sides in sides_of.items()
        }
    entries = []
    for root in trees:
        median = {name: statistics.median(values) for name, values in times[root].items()}
        entries.append(floor_entry(db=db, scale=scale, rows=rows, runs=runs, median=median, cpu=cpu[root]))
    return entries


def worker_cpu_ms(server: serve.Server, path: str, headers: dict, runs: int) -> float | None:
    pid = server.process.pid
    try:
        worker = int(Path(f"/proc/{pid}/task/{pid}/children").read_text().split()[0])
    except (OSError, IndexError, ValueError):
        return None

    def cpu_ticks() -> int:
        fields = Path(f"/proc/{worker}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime

    before = cpu_ticks()
    for _ in range(runs):
        serve.get(server.port, path, headers=headers)
    return round((cpu_ticks() - before) * 1000 / os.sysconf("SC_CLK_TCK") / runs, 3)


def floor_entry(
    *, db: str, scale: str, rows: int, runs: int, median: dict[str, float], cpu: dict[str, float | None]
) -> dict:
    """The `request_floor` entry of bench/results/latest.json (keys in docs/performance.md)."""
    return {
        "name": "request_floor",
        "db": db,
        "scale": scale,
        "rows": rows,
        "target": TARGET,
        "runs": runs,
        "measured_on": datetime.now(UTC).date().isoformat(),
        "numerator_ms": round(median["page"], 3),
        "denominator_ms": round(median["bare"], 3),
        "ratio": round(median["page"] / median["bare"], 2),
        "session_ms": round(median["session"], 3),
        "ratio_to_session": round(median["page"] / median["session"], 2),
        # The gunicorn worker's CPU per request (ms) for bare / session / page, and page ÷ bare.
        "worker_cpu_ms": cpu,
        "cpu_ratio": round(cpu["page"] / cpu["bare"], 2) if cpu.get("page") and cpu.get("bare") else None,
    }


def floor_table(entries: list[dict]) -> list[str]:
    verdict = {True: "pass", False: "**fail**"}
    lines = [
        "| measured | scale | db | no session ms | with session ms | notifications ms "
        "| ÷ no session | ÷ with session | worker CPU ms (no session / session / page) | CPU ÷ | target | result |",
        "|---|---|---|---:|---:|---:|---:|---:|---|---:|---:|---|",
    ]
    for e in entries:
        if e["name"] != "request_floor":
            continue
        cpu = " / ".join(f"{v:.2f}" if v is not None else "–" for v in (e.get("worker_cpu_ms") or {}).values()) or "–"
        lines.append(
            f"| {e['measured_on']} | {e['scale']} | {e['db']} | {e['denominator_ms']:.2f} | {e['session_ms']:.2f} "
            f"| {e['numerator_ms']:.2f} | {e['ratio']:.2f} | {e['ratio_to_session']:.2f} | {cpu} "
            f"| {e.get('cpu_ratio') or '–'} | {e['target']} | {verdict[e['ratio'] <= e['target']]} |"
        )
    return lines


def main() -> int:
    """`make floor`: the request floor alone, on the bench's data set (made by `make bench` or
    generated here: BENCH_SCALE small by default, BENCH_DB postgres by default, else sqlite).
    `--against REF` serves REF's files (git archive) beside this tree, rounds interleaved."""
    import subprocess
    import sys

    from bench import run
    from bench.generate import SCALES

    scale = os.environ.get("BENCH_SCALE", "small")
    db = os.environ.get("BENCH_DB", "postgres")
    if db == "postgres" and not run.pg_reachable():
        say(f"PostgreSQL is not reachable at {run.pg_server_url()}: SQLite")
        db = "sqlite"
    code = subprocess.call([sys.executable, str(Path(run.__file__)), "--prepare", db, scale])
    if code != 0:
        return code
    trees = [serve.ROOT]
    if "--against" in sys.argv:
        from bench.loadtest import export_tree, git

        ref = sys.argv[sys.argv.index("--against") + 1]
        trees.append(export_tree(git("rev-parse", ref)))
    where = (
        {"database_url": run.pg_url(run.PG_DATABASES[scale])}
        if db == "postgres"
        else {"sqlite_path": str(run.sqlite_path(scale))}
    )
    entries = measure_floors(db=db, scale=scale, rows=SCALES[scale], trees=trees, **where)
    for root, line in zip(trees, floor_table(entries)[2:], strict=True):
        print(f"{'this tree' if root == serve.ROOT else root.name}: {line}")
    return 0


if __name__ == "__main__":  # python -m bench.floor (make floor)
    raise SystemExit(main())
