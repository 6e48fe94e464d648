"""make bench: the budget overview page against the best hand-written SQL (docs/performance.md).

Environment:
  BENCH_SCALE  full (1,000,000 time + ledger rows, default) | small (50,000)
  BENCH_DB     both (default) | sqlite | postgres
  BENCH_RUNS   measured runs per side (default 7, after 2 warm-ups)
  BENCH_PG_URL PostgreSQL server to create the bench databases on
               (default postgres://postgres@127.0.0.1:5432/postgres)

For each database this script starts itself again (Django's settings are read once per process):
first to generate the data set, unless a marker says it was generated at this scale, generator
version and month; then, in a fresh process, to check that the page, the selectors and the SQL
agree on every figure, time them interleaved and record EXPLAIN plans. Results are merged into
bench/results/latest.json (entries replaced per name, db and scale) and the table in
docs/performance.md. `bench/run.py --drop` removes the generated databases.
"""

import gc
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DATA = RESULTS / "data.tmp"  # git-ignored (bench/results/*.tmp)
LATEST = RESULTS / "latest.json"
DOC = ROOT / "docs" / "performance.md"
TARGET = 1.5
WARMUPS = 2
PG_DATABASES = {"full": "outsourcer_bench", "small": "outsourcer_bench_small"}
TABLE_START, TABLE_END = "<!-- bench:table -->", "<!-- /bench:table -->"

sys.path.insert(0, str(ROOT))


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
        "version": GENERATOR_VERSION, "seed": SEED, "scale": scale, "today": today.isoformat(), "counts": counts,
        "rows": SCALES[scale], "seconds": round(time.perf_counter() - started, 1),
    }  # fmt: skip
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
    result = measure(db=db, scale=scale, marker=marker, today=datetime.now(UTC).date())
    out.write_text(json.dumps(result, indent=2, default=str))


def measure(*, db: str, scale: str, marker: dict, today: date) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from bench import baseline
    from bench.generate import DEMO_OWNER_EMAIL, DEMO_SLUG
    from outsourcer.accounts.models import Organization, User
    from outsourcer.budgets import page_selectors, selectors
    from outsourcer.budgets.periods import today_for

    runs = int(os.environ.get("BENCH_RUNS", "7"))
    organization = Organization.objects.get(slug=DEMO_SLUG)
    owner = User.objects.get(email=DEMO_OWNER_EMAIL)
    today = today_for(organization)
    client = Client()
    client.force_login(owner)
    url = reverse("budgets:list", kwargs={"org_slug": organization.slug})
    sql, params = baseline.statement(connection.vendor, organization_id=organization.pk, today=today)

    def page():
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return response

    def bare_sql():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def overview_data():
        # What the view asks of the database, without HTTP, sessions and the template.
        budgets = selectors.budget_list_for_organization(
            organization=organization, recent_days=selectors.RUN_OUT_WINDOW_DAYS
        )
        return budgets, page_selectors.budget_run_out_by_id(organization=organization, budgets=budgets)

    # 1. Everyone agrees on every figure before anything is timed.
    expected = baseline.normalise(bare_sql())
    reference = baseline.reference_figures(organization_id=organization.pk, today=today)
    assert expected == reference, _diff(expected, reference, "SQL", "Python reference")
    budgets, run_out = overview_data()
    from_selectors = {
        b.pk: (
            b.figures.period_start, b.figures.period_end, b.figures.budgeted_cents, b.figures.spent_cents,
            b.figures.committed_cents, b.figures.remaining_cents, run_out[b.pk],
        )
        for b in budgets
    }  # fmt: skip
    assert from_selectors == expected, _diff(from_selectors, expected, "selectors", "SQL")
    check_html(page().content.decode(), expected, organization.slug)
    say(f"{db}/{scale}: page, selectors, SQL and the Python reference agree on {len(expected)} budgets")

    # The selectors' own statements, replayed raw: splits their time into database and ORM work.
    with CaptureQueriesContext(connection) as captured:
        overview_data()
    replayed = [q["sql"] for q in captured.captured_queries]

    def replay():
        with connection.cursor() as cursor:
            for statement in replayed:
                cursor.execute(statement)
                cursor.fetchall()

    # 2. Interleaved timing: page, SQL, selectors, replay, page, SQL, …
    sides = {"page": page, "sql": bare_sql, "data": overview_data, "replay": replay}
    times: dict[str, list[float]] = {name: [] for name in sides}
    for i in range(WARMUPS + runs):
        for name, fn in sides.items():
            gc.collect()
            started = time.perf_counter()
            fn()
            elapsed = (time.perf_counter() - started) * 1000
            if i >= WARMUPS:
                times[name].append(elapsed)
    median = {name: statistics.median(values) for name, values in times.items()}
    say(
        f"{db}/{scale}: median page {median['page']:.2f} ms, selectors {median['data']:.2f} ms "
        f"(their SQL replayed {median['replay']:.2f} ms), SQL {median['sql']:.2f} ms "
        f"→ ratio {median['page'] / median['sql']:.2f}"
    )

    # 3. Plans: the baseline and every SELECT the page sends.
    plans, page_queries = explain_all(sql, params, page)
    plan_path = RESULTS / f"plans-{db}-{scale}.txt"
    plan_path.write_text(plans)

    rows = marker["rows"]
    common = {"db": db, "scale": scale, "rows": rows, "target": TARGET, "runs": runs, "measured_on": today.isoformat()}
    return {
        "entries": [
            {
                "name": "budget overview page vs hand-written SQL",
                **common,
                "numerator_ms": round(median["page"], 3),
                "denominator_ms": round(median["sql"], 3),
                "ratio": round(median["page"] / median["sql"], 2),
                "page_queries": len(page_queries),
                "budgets": len(expected),
                # Where the page's time goes (medians of the same interleaved rounds):
                "selectors_ms": round(median["data"], 3),
                "selectors_sql_replayed_ms": round(median["replay"], 3),
                "selector_queries": len(replayed),
                "samples_ms": {k: [round(v, 3) for v in vals] for k, vals in times.items()},
            },
            {
                "name": "overview selectors (no HTTP, no template) vs hand-written SQL",
                **common,
                "numerator_ms": round(median["data"], 3),
                "denominator_ms": round(median["sql"], 3),
                "ratio": round(median["data"] / median["sql"], 2),
                "budgets": len(expected),
            },
        ],
        "plans_file": str(plan_path.relative_to(ROOT)),
        "dataset": marker,
    }


def _diff(left: dict, right: dict, left_name: str, right_name: str) -> str:
    lines = [f"{left_name} and {right_name} disagree:"]
    for key in sorted(set(left) | set(right)):
        if left.get(key) != right.get(key):
            lines.append(f"  budget {key}: {left_name} {left.get(key)} vs {right_name} {right.get(key)}")
    return "\n".join(lines[:30])


def check_html(html: str, expected: dict[int, tuple], slug: str) -> None:
    """Each budget's row shows its budgeted, committed, spent and remaining money and run-out day."""
    from outsourcer.budgets.models import Budget
    from outsourcer.lib.money import format_money

    currencies = dict(Budget.objects.filter(pk__in=expected).values_list("pk", "currency"))
    for row in html.split("<tr>")[1:]:
        match = re.search(rf'href="/o/{re.escape(slug)}/budgets/(\d+)/"', row)
        if match:
            expected_row = expected.get(int(match.group(1)))
            assert expected_row is not None, f"budget {match.group(1)} is on the page but not in the SQL"
    for pk, (_, _, budgeted, spent, committed, remaining, run_out) in expected.items():
        rows = [r for r in html.split("<tr>") if f'href="/o/{slug}/budgets/{pk}/"' in r]
        assert len(rows) == 1, f"budget {pk} is not on the page once"
        # The four money cells in column order; a cell may carry a label for narrow screens.
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r'<td class="num[^"]*">(.*?)</td>', rows[0])]
        money = [format_money(v, currencies[pk]) for v in (budgeted, committed, spent, remaining)]
        shows = len(cells) == len(money) and all(c.endswith(m) for c, m in zip(cells, money, strict=True))
        assert shows, f"budget {pk}: page shows {cells}, SQL says {money}"
        shown = re.search(r'<time datetime="([\d-]+)">', rows[0])
        if budgeted and spent >= budgeted:  # the page says "Used up" instead of a day
            assert shown is None and "Used up" in rows[0], f"run-out of {pk}"
        else:
            assert (shown.group(1) if shown else None) == (run_out.isoformat() if run_out else None), f"run-out of {pk}"


def explain_all(sql: str, params: dict, page) -> tuple[str, list[dict]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        page()
    queries = [{"sql": q["sql"], "ms": float(q["time"]) * 1000} for q in captured.captured_queries]
    vendor = connection.vendor
    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if vendor == "postgresql" else "EXPLAIN QUERY PLAN "

    def plan(statement: str, statement_params=None) -> str:
        with connection.cursor() as cursor:
            cursor.execute(prefix + statement, statement_params)
            rows = cursor.fetchall()
        if vendor == "postgresql":
            return "\n".join(r[0] for r in rows)
        # SQLite: (id, parent, notused, detail) → an indented tree.
        depth = {0: -1}
        lines = []
        for node_id, parent, _, detail in rows:
            depth[node_id] = depth.get(parent, -1) + 1
            lines.append("  " * depth[node_id] + detail)
        return "\n".join(lines)

    out = [f"# EXPLAIN plans, {vendor}, generated by bench/run.py on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC", ""]
    out += ["## Baseline: the hand-written SQL", "", sql.strip(), "", "### Plan", "", plan(sql, params), ""]
    out += [f"## The page: {len(queries)} queries, {sum(q['ms'] for q in queries):.2f} ms in the database", ""]
    for n, query in enumerate(queries, start=1):
        text = query["sql"]
        # The session key is a login credential, even for a throwaway database: not in the file.
        shown = re.sub(r"(\"session_key\" = ')[^']+'", r"\1<session key>'", text)
        out += [f"### Query {n} ({query['ms']:.2f} ms)", "", shown, ""]
        if re.match(r"\s*(SELECT|WITH)\b", text, re.IGNORECASE):
            out += ["Plan:", "", plan(text), ""]
    return "\n".join(out), queries


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
    data = [e for e in entries if not e["name"].startswith("budget overview page")]
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
    table = "\n".join([*lines, TABLE_END])
    text = DOC.read_text()
    pattern = re.compile(re.escape(TABLE_START) + ".*?" + re.escape(TABLE_END), re.DOTALL)
    DOC.write_text(pattern.sub(lambda _: table, text) if pattern.search(text) else text + "\n" + table + "\n")


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
        if code == 0:
            code = subprocess.call([sys.executable, me, "--time", db, scale, str(out)])
        if code != 0:
            say(f"{db}/{scale}: the worker failed (exit {code})")
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
