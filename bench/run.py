"""make bench: the budget overview page against the best hand-written SQL (docs/performance.md).

Environment:
  BENCH_SCALE  full (1,000,000 time + ledger rows, default) | small (50,000)
  BENCH_DB     both (default) | sqlite | postgres
  BENCH_RUNS   measured runs per side (default 7, after 2 warm-ups)
  BENCH_PG_URL PostgreSQL server to create the bench databases on
               (default postgres://postgres@127.0.0.1:5432/postgres)
  BENCH_PG_DATABASE  their names: NAME (full) and NAME_small (default outsourcer_bench)
  BENCH_ONLY   tasks: only the task pages and owner_home (bench/tasks.py; also `make bench-tasks`)

For each database this script starts itself again (Django's settings are read once per process):
first to generate the data set, unless a marker says it was generated at this scale, generator
version and month; then, in a fresh process, to check that the page, the selectors and the SQL
agree on every figure, time them interleaved and record EXPLAIN plans. Results are merged into
bench/results/latest.json (entries replaced per name, db and scale) and the table in
docs/performance.md. Then, when PostgreSQL is part of a full-scale run, bench/growth.py (each
page's p50 at 1,000,000 rows against 50,000, served by gunicorn). `bench/run.py --drop` removes the
generated databases. With PostgreSQL, bench/tasks.py (the task pages and the owner's home page at
2,000 and 20,000 tasks, its own data sets) runs before growth.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bid_comparison import bid_comparison_table, measure_bid_comparison  # noqa: E402 - needs the path above
from bench.floor import floor_table, measure_floor  # noqa: E402
from bench.growth import END as GROWTH_END  # noqa: E402
from bench.growth import START as GROWTH_START  # noqa: E402
from bench.growth import growth_table  # noqa: E402
from bench.measure import RESULTS, measure  # noqa: E402
from bench.tasks import END as TASKS_END  # noqa: E402
from bench.tasks import START as TASKS_START  # noqa: E402
from bench.tasks import tasks_table  # noqa: E402

DATA = RESULTS / "data.tmp"  # git-ignored (bench/results/*.tmp)
LATEST = RESULTS / "latest.json"
DOC = ROOT / "docs" / "performance.md"
# BENCH_PG_DATABASE renames them (e.g. for two checkouts sharing one server): NAME and NAME_small.
_PG_NAME = os.environ.get("BENCH_PG_DATABASE", "outsourcer_bench")
PG_DATABASES = {"full": _PG_NAME, "small": f"{_PG_NAME}_small"}
TABLE_START, TABLE_END = "<!-- bench:table -->", "<!-- /bench:table -->"
FLOOR_START, FLOOR_END = "<!-- bench:floor -->", "<!-- /bench:floor -->"
BIDS_START, BIDS_END = "<!-- bench:bid_comparison -->", "<!-- /bench:bid_comparison -->"


def say(message: str) -> None:
    print(f"[bench] {message}", flush=True)


# --- where the data lives ------------------------------------------------------------------------


def pg_server_url() -> str:
    return os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def pg_url(dbname: str) -> str:
    parts = urlsplit(pg_server_url())
    return urlunsplit((parts.scheme, parts.netloc, "/" + dbname, parts.query, ""))


def sqlite_path(scale: str) -> Path:
    return DATA / f"sqlite-{scale}.sqlite3"


def pg_reachable() -> bool:
    import psycopg

    try:
        with psycopg.connect(pg_server_url(), connect_timeout=5):
            return True
    except psycopg.Error:
        return False


def read_marker(db: str, scale: str) -> dict | None:
    """The marker row written after a complete generation, or None (missing, partial, unreadable)."""
    query = "SELECT value FROM bench_marker WHERE key = 'dataset'"
    try:
        if db == "sqlite":
            import sqlite3

            path = sqlite_path(scale)
            if not path.exists():
                return None
            with sqlite3.connect(path) as conn:
                row = conn.execute(query).fetchone()
        else:
            import psycopg

            with psycopg.connect(pg_url(PG_DATABASES[scale]), connect_timeout=5) as conn:
                row = conn.execute(query).fetchone()
    except Exception:  # no database, no table: generate
        return None
    return json.loads(row[0]) if row else None


def marker_is_current(marker: dict | None, scale: str, today: date) -> bool:
    from bench.generate import GENERATOR_VERSION, SEED

    if not marker:
        return False
    anchored = date.fromisoformat(marker["today"])
    same_month = (anchored.year, anchored.month) == (today.year, today.month)
    return marker["version"] == GENERATOR_VERSION and marker["seed"] == SEED and marker["scale"] == scale and same_month


def reset_database(db: str, scale: str) -> None:
    if db == "sqlite":
        DATA.mkdir(parents=True, exist_ok=True)
        for path in DATA.glob(f"sqlite-{scale}.sqlite3*"):
            path.unlink()
        return
    import psycopg

    name = PG_DATABASES[scale]
    with psycopg.connect(pg_server_url(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_all() -> None:
    shutil.rmtree(DATA, ignore_errors=True)
    if pg_reachable():
        import psycopg

        with psycopg.connect(pg_server_url(), autocommit=True) as conn:
            for name in PG_DATABASES.values():
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    say("dropped the bench databases")


# --- the worker: one database, one scale ---------------------------------------------------------


def setup_django(db: str, scale: str) -> None:
    if db == "sqlite":
        os.environ.pop("DATABASE_URL", None)
        os.environ["SQLITE_PATH"] = str(sqlite_path(scale))
    else:
        os.environ["DATABASE_URL"] = pg_url(PG_DATABASES[scale])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "true")  # the development key; DEBUG itself is switched off below
    import warnings

    import django

    # WhiteNoise warns once that collectstatic has not run; the page does not serve static files.
    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    from django.conf import settings

    # As in production: no query log while loading or timing (the EXPLAIN pass captures explicitly).
    settings.DEBUG = False


def prepare(db: str, scale: str) -> None:
    """Generate the data set unless a current one is there. Timing runs in a new process either
    way, so a run that has just loaded the data measures like one that reuses it."""
    today = datetime.now(UTC).date()  # the bench organizations live in UTC
    if marker_is_current(read_marker(db, scale), scale, today):
        say(f"{db}/{scale}: reusing the data set (marker matches)")
        return
    say(f"{db}/{scale}: generating a new data set")
    reset_database(db, scale)
    setup_django(db, scale)
    from django.core.management import call_command
    from django.db import connection

    from bench.generate import GENERATOR_VERSION, SCALES, SEED, generate

    started = time.perf_counter()
    say("migrate")
    call_command("migrate", verbosity=0, interactive=False)
    counts = generate(scale=scale, today=today)
    marker = {
        "version": GENERATOR_VERSION,
        "seed": SEED,
        "scale": scale,
        "today": today.isoformat(),
        "counts": counts,
        "rows": SCALES[scale],
        "seconds": round(time.perf_counter() - started, 1),
    }
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_marker (key varchar(20) PRIMARY KEY, value text NOT NULL)")
        cursor.execute("INSERT INTO bench_marker VALUES ('dataset', %s)", [json.dumps(marker)])
    say(f"{db}/{scale}: generated in {marker['seconds']}s")


def timing(db: str, scale: str, out: Path) -> None:
    setup_django(db, scale)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM bench_marker WHERE key = 'dataset'")
        marker = json.loads(cursor.fetchone()[0])
    today = datetime.now(UTC).date()
    result = measure(db=db, scale=scale, marker=marker, today=today)
    # The bid comparison with 50 bids against 3 (bench/bid_comparison.py), on the same data set.
    result["entries"].append(measure_bid_comparison(db=db, scale=scale, rows=marker["rows"], today=today))
    out.write_text(json.dumps(result, indent=2, default=str))


# --- the driver ----------------------------------------------------------------------------------


def update_results(new_entries: list[dict]) -> list[dict]:
    entries = json.loads(LATEST.read_text()) if LATEST.exists() else []
    keys = {(e["name"], e["db"], e["scale"]) for e in new_entries}
    kept = [e for e in entries if (e["name"], e["db"], e.get("scale")) not in keys]
    order = {"small": 0, "full": 1}
    merged = sorted(kept + new_entries, key=lambda e: (e["name"], order.get(e.get("scale"), 2), e["db"]))
    LATEST.write_text(json.dumps(merged, indent=2) + "\n")
    return merged


def update_doc_table(entries: list[dict]) -> None:
    """Rewrite the block between the table markers in docs/performance.md from latest.json."""
    if not DOC.exists():
        return
    verdict = {True: "pass", False: "**fail**"}
    pages = [e for e in entries if e["name"].startswith("budget overview page")]
    data = [e for e in entries if e["name"].startswith("overview selectors")]
    lines = [
        TABLE_START,
        "| measured | scale | db | rows | page ms | SQL ms | ratio | target | result |",
        "|---|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for e in pages:
        lines.append(
            f"| {e['measured_on']} | {e['scale']} | {e['db']} | {e['rows']:,} | {e['numerator_ms']:.1f} | "
            f"{e['denominator_ms']:.1f} | {e['ratio']:.2f} | {e['target']} | {verdict[e['ratio'] <= e['target']]} |"
        )
    lines += [
        "",
        "The view's two selector calls alone (no HTTP, session, access check or template):",
        "",
        "| scale | db | selectors ms | SQL ms | ratio | target | result |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for e in data:
        lines.append(
            f"| {e['scale']} | {e['db']} | {e['numerator_ms']:.1f} | {e['denominator_ms']:.1f} | {e['ratio']:.2f} | "
            f"{e['target']} | {verdict[e['ratio'] <= e['target']]} |"
        )
    lines += [
        "",
        "Where the page's time goes (medians of the same rounds, ms): request + template = page − selectors;"
        " ORM = selectors − their own SQL replayed raw.",
        "",
        "| scale | db | page | request + template | selectors: ORM (Python) | selectors: their SQL "
        "| hand-written SQL |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for e in pages:
        if "selectors_sql_replayed_ms" not in e:
            continue
        page, selectors, replayed = e["numerator_ms"], e["selectors_ms"], e["selectors_sql_replayed_ms"]
        lines.append(
            f"| {e['scale']} | {e['db']} | {page:.1f} | {page - selectors:.1f} | {selectors - replayed:.1f} | "
            f"{replayed:.1f} | {e['denominator_ms']:.1f} |"
        )
    text = DOC.read_text()
    blocks = [
        (TABLE_START, lines[1:], TABLE_END),
        (FLOOR_START, floor_table(entries), FLOOR_END),
        (GROWTH_START, growth_table(entries), GROWTH_END),
        (BIDS_START, bid_comparison_table(entries), BIDS_END),
        (TASKS_START, tasks_table(entries), TASKS_END),
    ]
    for start, body, end in blocks:
        table = "\n".join([start, *body, end])
        pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.DOTALL)
        text = pattern.sub(lambda _, t=table: t, text) if pattern.search(text) else text + "\n" + table + "\n"
    DOC.write_text(text)


def main() -> int:
    if "--drop" in sys.argv:
        drop_all()
        return 0
    if len(sys.argv) == 4 and sys.argv[1] == "--prepare":
        prepare(sys.argv[2], sys.argv[3])
        return 0
    if len(sys.argv) == 5 and sys.argv[1] == "--time":
        timing(sys.argv[2], sys.argv[3], Path(sys.argv[4]))
        return 0
    if os.environ.get("BENCH_ONLY") == "tasks":  # the task pages and owner_home alone (bench/tasks.py)
        return subprocess.call([sys.executable, str(ROOT / "bench" / "tasks.py")])
    # The duplicate check has its own small data set (bench/similar.py): BENCH_ONLY=similar runs it alone.
    if os.environ.get("BENCH_ONLY") == "similar":
        return subprocess.call([sys.executable, str(ROOT / "bench" / "similar.py")])
    scale = os.environ.get("BENCH_SCALE", "full")
    which = os.environ.get("BENCH_DB", "both")
    if scale not in PG_DATABASES or which not in ("both", "sqlite", "postgres"):
        say("BENCH_SCALE is small or full; BENCH_DB is both, sqlite or postgres")
        return 2
    dbs = ["sqlite", "postgres"] if which == "both" else [which]
    if "postgres" in dbs and not pg_reachable():
        if which == "postgres":
            say(f"PostgreSQL is not reachable at {pg_server_url()} (set BENCH_PG_URL)")
            return 1
        say(f"PostgreSQL is not reachable at {pg_server_url()}: SQLite only (set BENCH_PG_URL)")
        dbs = ["sqlite"]
    RESULTS.mkdir(parents=True, exist_ok=True)
    DATA.mkdir(parents=True, exist_ok=True)
    entries = []
    for db in dbs:
        out = DATA / f"result-{db}-{scale}.json"
        started = time.perf_counter()
        me = str(Path(__file__).resolve())
        code = subprocess.call([sys.executable, me, "--prepare", db, scale])
        if code != 0:
            say(f"{db}/{scale}: generating the data failed (exit {code})")
            return code
        # The request floor first, from outside (bench/floor.py): it does not depend on the
        # overview's agreement checks, and is written even when those stop the run.
        where = (
            {"database_url": pg_url(PG_DATABASES[scale])}
            if db == "postgres"
            else {"sqlite_path": str(sqlite_path(scale))}
        )
        from bench.generate import SCALES

        entries.append(measure_floor(db=db, scale=scale, rows=SCALES[scale], **where))
        code = subprocess.call([sys.executable, me, "--time", db, scale, str(out)])
        if code != 0:
            say(f"{db}/{scale}: the timing worker failed (exit {code}); writing what was measured")
            update_doc_table(update_results(entries))
            return code
        entries += json.loads(out.read_text())["entries"]
        say(f"{db}/{scale}: finished in {time.perf_counter() - started:.0f}s")
    merged = update_results(entries)
    update_doc_table(merged)
    for entry in entries:
        verdict = "PASS" if entry["ratio"] <= entry["target"] else "FAIL"
        say(
            f"{verdict} {entry['name']} [{entry['db']}/{entry['scale']}, {entry['rows']:,} rows]: "
            f"{entry['numerator_ms']:.2f} ms / {entry['denominator_ms']:.2f} ms = {entry['ratio']:.2f} "
            f"(target ≤ {entry['target']})"
        )
    say(f"results: {LATEST.relative_to(ROOT)}, {DOC.relative_to(ROOT)}")
    code = subprocess.call([sys.executable, str(ROOT / "bench" / "similar.py")])
    if code != 0:
        return code
    # growth compares the 50,000-row and 1,000,000-row PostgreSQL databases (bench/growth.py).
    if "postgres" not in dbs:
        return 0
    # The task pages and owner_home at 2,000 and 20,000 tasks (bench/tasks.py, its own data sets).
    code = subprocess.call([sys.executable, str(ROOT / "bench" / "tasks.py")])
    if code != 0:
        return code
    if scale != "full":
        say("growth: skipped at small scale (it compares 50,000 with 1,000,000 rows): make growth")
        return 0
    return subprocess.call([sys.executable, str(ROOT / "bench" / "growth.py")])


if __name__ == "__main__":
    sys.exit(main())
