"""make loadtest: the mixed load of issue 10 against this tree and the previous main, in one run.

Environment:
  LOADTEST_SCALE         full (1,000,000 time + ledger rows, default) | small (50,000): the bench's data sets
  LOADTEST_USERS         comma-separated user counts (default 8,16,32)
  LOADTEST_SECONDS       seconds of load per user count and server (default 30)
  LOADTEST_WORKERS       gunicorn workers per server (default 4, as docs/deploy.md advises for 2 cores)
  LOADTEST_BASELINE_REF  the previous main (default: origin/main if it exists; on branch main its
                         first parent main^1, i.e. main before the last merge; on any other branch
                         `git merge-base HEAD main`, the main the branch started from)
  BENCH_PG_URL           the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres)
  LOADTEST_DATABASE      the two databases' names: NAME and NAME_base (default outsourcer_loadtest)
  LOADTEST_TREES         where the previous main's files are exported (default /tmp/outsourcer-loadtest)

Steps: the bench's PostgreSQL data set at that scale (bench/run.py generates it or reuses it), two
copies made from it (CREATE DATABASE … TEMPLATE, `jit = off` as docs/deploy.md asks), this tree's
migrations applied to the first and the previous main's schema restored on the second (this
tree's migrations that main lacks are unapplied); the previous main's files exported with
`git archive` into $LOADTEST_TREES (default /tmp/outsourcer-loadtest/); both trees served by
gunicorn with production settings (DEBUG off, collected static files) on their own ports; users
signed in by each tree's own code; a warm-up; then for each user count, this tree and the previous
main in turn (which goes first alternates from one user count to the next), locust headless with
that many users and no think time. Results go to bench/results/latest.json as `mixed_load_<users>`
and to the table in docs/performance.md. A tenth of the requests write a time entry: into the
copies, never into the bench's data set.
"""

import http.client
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import serve  # noqa: E402 - needs the path above
from bench.load_requests import REQUESTS, request_for  # noqa: E402
from bench.loadtest_results import SCALE_ROWS, read_locust_stats, result_entry, write_results  # noqa: E402

WORK = ROOT / "bench" / "results" / "loadtest.tmp"  # git-ignored (bench/results/*.tmp)
TREES = Path(os.environ.get("LOADTEST_TREES", Path(tempfile.gettempdir()) / "outsourcer-loadtest"))
# LOADTEST_DATABASE renames them (several checkouts sharing one server): NAME and NAME_base.
_NAME = os.environ.get("LOADTEST_DATABASE", "outsourcer_loadtest")
DATABASES = {"current": _NAME, "baseline": f"{_NAME}_base"}


def say(message: str) -> None:
    print(f"[loadtest] {message}", flush=True)


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()


def baseline_ref() -> str:
    """The previous main, as documented in the module docstring and docs/performance.md."""
    if ref := os.environ.get("LOADTEST_BASELINE_REF"):
        return ref
    try:
        git("rev-parse", "--verify", "-q", "origin/main")
        return "origin/main"
    except subprocess.CalledProcessError:
        pass
    if git("rev-parse", "--abbrev-ref", "HEAD") == "main":
        return "main^1"
    return git("merge-base", "HEAD", "main")


def export_tree(sha: str) -> Path:
    """The files of commit `sha` (git archive), kept between runs, outside the checkout (linters
    and the architecture check walk the checkout's files)."""
    tree = TREES / f"tree-{sha[:12]}"
    if (tree / ".complete").exists():
        return tree
    shutil.rmtree(tree, ignore_errors=True)
    tree.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", "--format=tar", sha], cwd=ROOT, capture_output=True, check=True).stdout
    archive_path = TREES / f"tree-{sha[:12]}.tar"
    archive_path.write_bytes(archive)
    with tarfile.open(archive_path) as tar:
        tar.extractall(tree, filter="data")
    archive_path.unlink()
    (tree / ".complete").write_text(sha)
    return tree


# --- databases -------------------------------------------------------------------------------------


def pg_url(name: str) -> str:
    from bench.run import pg_url as bench_pg_url

    return bench_pg_url(name)


def copy_databases(scale: str) -> None:
    import psycopg

    from bench.run import PG_DATABASES, pg_server_url

    source = PG_DATABASES[scale]
    with psycopg.connect(pg_server_url(), autocommit=True) as conn:
        for name in DATABASES.values():
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
            # docs/deploy.md: JIT compiling costs far more than these queries run.
            conn.execute(f'ALTER DATABASE "{name}" SET jit = off')


def migration_names(tree: Path) -> dict[str, set[str]]:
    return {
        folder.parent.name: {p.stem for p in folder.glob("[0-9]*.py")}
        for folder in sorted((tree / "outsourcer").glob("*/migrations"))
    }


def schema_targets(current: Path, baseline: Path) -> list[tuple[str, str]]:
    """(app, migration) pairs that take a database at this tree's schema back to the baseline's."""
    ours, theirs = migration_names(current), migration_names(baseline)
    targets = []
    for app, names in ours.items():
        kept = theirs.get(app, set())
        if names - kept:
            targets.append((app, max(kept) if kept else "zero"))
    return targets


def drop_databases() -> None:
    import psycopg

    from bench.run import pg_server_url

    with psycopg.connect(pg_server_url(), autocommit=True) as conn:
        for name in DATABASES.values():
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- load --------------------------------------------------------------------------------------------


def send(port: int, name: str, login: dict) -> int:
    spec = request_for(name, login)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(spec.method, spec.path, body=spec.body, headers=spec.headers)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def warm_up(port: int, login: dict, rounds: int) -> None:
    """Every request a few times per worker (imports, template and URL caches), and a check that
    each answers its status before any load is timed."""
    for _ in range(rounds):
        for name in REQUESTS:
            status = send(port, name, login)
            expected = request_for(name, login).status
            if status != expected:
                raise RuntimeError(f"warm-up: {name} answered {status}, expected {expected}")


def run_locust(server_url: str, login_file: Path, users: int, seconds: int, prefix: Path) -> dict:
    command = [
        str(serve.BIN / "locust"),
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(users),
        "--run-time",
        f"{seconds}s",
        "--host",
        server_url,
        "--csv",
        str(prefix),
        "--only-summary",
        "--stop-timeout",
        "10",
        "--loglevel",
        "WARNING",
    ]
    env = {**os.environ, "LOADTEST_LOGIN": str(login_file), "PYTHONPATH": str(ROOT)}
    # Exit code 1 means some requests failed: they are counted as errors below.
    subprocess.run(command, cwd=ROOT, env=env, check=False, stdout=subprocess.DEVNULL)
    stats = read_locust_stats(Path(f"{prefix}_stats.csv"))
    if stats["requests"] == 0:  # recorded as a failed level (meets_targets is false), not hidden
        say(f"locust recorded no requests against {server_url}: see its output above")
    return stats


def main() -> int:
    from bench.run import pg_reachable, pg_server_url

    if "--drop" in sys.argv:
        drop_databases()
        shutil.rmtree(WORK, ignore_errors=True)
        shutil.rmtree(TREES, ignore_errors=True)
        say("dropped the load-test databases and trees")
        return 0
    scale = os.environ.get("LOADTEST_SCALE", "full")
    levels = [int(n) for n in os.environ.get("LOADTEST_USERS", "8,16,32").split(",")]
    seconds = int(os.environ.get("LOADTEST_SECONDS", "30"))
    workers = int(os.environ.get("LOADTEST_WORKERS", "4"))
    if scale not in SCALE_ROWS:
        say("LOADTEST_SCALE is small or full")
        return 2
    if not pg_reachable():
        say(f"PostgreSQL is not reachable at {pg_server_url()} (set BENCH_PG_URL)")
        return 1
    started = time.perf_counter()
    ref = baseline_ref()
    sha = git("rev-parse", ref)
    say(
        f"this tree ({git('rev-parse', '--short', 'HEAD')} + working files) "
        f"against the previous main {ref} ({sha[:10]})"
    )
    WORK.mkdir(parents=True, exist_ok=True)

    code = subprocess.call([sys.executable, str(ROOT / "bench" / "run.py"), "--prepare", "postgres", scale])
    if code != 0:
        return code
    say(f"copying the {scale} data set (jit off)")
    copy_databases(scale)
    baseline_tree = export_tree(sha)
    secret = serve.new_secret_key()
    trees = {"current": ROOT, "baseline": baseline_tree}
    envs = {
        side: serve.production_env(
            database_url=pg_url(DATABASES[side]),
            static_root=WORK / ("static-current" if side == "current" else f"static-{baseline_tree.name}"),
            secret_key=secret,
        )
        for side in trees
    }
    serve.manage(ROOT, envs["current"], "migrate", "--noinput")
    baseline_schema = "its own"
    for app, target in schema_targets(ROOT, baseline_tree):
        say(f"previous main's schema: migrate {app} {target}")
        try:
            serve.manage(ROOT, envs["baseline"], "migrate", app, target, "--noinput")
        except RuntimeError as error:  # an irreversible migration: say so in the results, go on
            baseline_schema = f"this tree's for {app} (could not migrate back to {target})"
            say(f"WARNING: {error}".splitlines()[0] + f"; the previous main runs on {baseline_schema}")
    logins = {}
    from bench.generate import DEMO_OWNER_EMAIL, DEMO_SLUG

    for side, tree in trees.items():
        serve.collectstatic(tree, envs[side])
        logins[side] = serve.login(tree, envs[side], org_slug=DEMO_SLUG, owner_email=DEMO_OWNER_EMAIL, tokens=True)
        (WORK / f"login-{side}.json").write_text(json.dumps(logins[side]))

    results: dict[int, dict[str, dict]] = {users: {} for users in levels}
    load_before = os.getloadavg()
    with (
        serve.Server(ROOT, envs["current"], workers=workers, log=WORK / "gunicorn-current.log") as current,
        serve.Server(baseline_tree, envs["baseline"], workers=workers, log=WORK / "gunicorn-baseline.log") as base,
    ):
        servers = {"current": current, "baseline": base}
        for side, server in servers.items():
            say(f"{side}: warming up {server.url}")
            warm_up(server.port, logins[side], rounds=2 * workers)
        for level, users in enumerate(levels):
            # Alternate which side goes first, so drift on the machine does not favour one.
            order = list(servers.items()) if level % 2 == 0 else list(servers.items())[::-1]
            for side, server in order:
                prefix = WORK / f"locust-{side}-{users}"
                results[users][side] = stats = run_locust(
                    server.url, WORK / f"login-{side}.json", users, seconds, prefix
                )
                say(
                    f"{side} at {users} users: {stats['req_per_s']:.1f} req/s, p50 {stats['p50_ms']:.0f} ms, "
                    f"p95 {stats['p95_ms']:.0f} ms, p99 {stats['p99_ms']:.0f} ms, {stats['errors']} errors"
                )
    meta = {
        "scale": scale,
        "measured_on": datetime.now(UTC).date().isoformat(),
        "seconds": seconds,
        "workers": workers,
        "baseline_ref": ref,
        "baseline_commit": sha,
        "baseline_schema": baseline_schema,
        "machine": {"cpus": os.cpu_count(), "load_average_before": [round(x, 2) for x in load_before]},
    }
    entries = [
        result_entry(users=users, current=by_side["current"], baseline=by_side["baseline"], meta=meta)
        for users, by_side in results.items()
    ]
    write_results(entries)
    for entry in entries:
        say(f"{'PASS' if entry['meets_targets'] else 'FAIL'} {entry['name']} [{scale}]")
    say(f"done in {time.perf_counter() - started:.0f}s; results: bench/results/latest.json, docs/performance.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
