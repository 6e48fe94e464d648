"""duplicate_check (part of `make bench`; alone: `BENCH_ONLY=similar make bench` or
`python bench/similar.py`): the similar-work check against 100,000 existing tasks of one
organization, beside a brute-force scan that scores every row with the same scorer
(docs/similar.md).

Each database gets its own small data set (SQLite: bench/results/data.tmp/similar.sqlite3;
PostgreSQL: BENCH_PG_DATABASE_similar), made once and reused while the generator version holds:
100,000 task entries of the similar-work index, written with the functions the task services use
(`lib.similarity.index_keys`), from titles and briefs combined out of a vocabulary of work, things,
products, months, platforms and audiences; plus the labelled set's first sides, so the queries
(the labelled set's second sides) have real duplicates to find among the 100,000. The check is
timed in-process (it is not a page): BENCH_SIMILAR_QUERIES queries after warm-ups, p50/p95; the
brute force on BENCH_SIMILAR_BRUTE of them. Precision and recall are the labelled set's at the
threshold, and `found` is the share of its duplicate pairs whose first side the indexed check
returns as a duplicate among the 100,000.
"""

import json
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import DATA, DOC, LATEST, pg_reachable, pg_url, say, update_results  # noqa: E402

GENERATOR_VERSION = 4
ROWS = 100_000
TARGET_P95_MS = 20.0
PG_NAME = os.environ.get("BENCH_PG_DATABASE", "outsourcer_bench") + "_similar"
SQLITE = DATA / "similar.sqlite3"
PAIRS = ROOT / "outsourcer" / "similar" / "tests" / "pairs.tsv"
POSTING_INSERT = (
    "INSERT INTO similar_similarposting (organization_id, document_id, key, closed_at) VALUES (%s, %s, %s, NULL)"
)
START, END = "<!-- bench:duplicate_check -->", "<!-- /bench:duplicate_check -->"

WORK = [
    ("Write", "blog post about {thing}", "A {n}-word article for {audience} about {thing}."),
    ("Design", "flyer for {product}", "An A5 flyer for {product}, print ready, for {audience}."),
    ("Edit", "video about {product}", "Cut the footage of {product} into a {n} second video for {platform}."),
    ("Translate", "{product} page into {language}", "All text of the {product} page, by a native speaker."),
    ("Reconcile", "{month} bank statements", "Match every bank line for {month} in Xero."),
    ("Prepare", "{month} payroll", "Pay {n} staff and file the {month} submission."),
    ("Photograph", "{product} for the shop", "{n} photos of {product} on white, web sizes."),
    ("Set up", "{platform} ads for {product}", "A campaign with {n} ad groups for {product} on {platform}."),
    ("Fix", "{thing} bug on the {product} page", "The {thing} does not work for {audience}; find and fix it."),
    ("Research", "{thing} for {audience}", "Compare {n} options of {thing} for {audience} in a spreadsheet."),
    ("Write", "{platform} captions for {month}", "{n} captions for our {platform} posts in {month}."),
    ("Moderate", "{platform} comments about {product}", "Answer questions about {product} within a day."),
    ("Transcribe", "interviews with {audience}", "{n} recorded interviews with {audience}, clean verbatim."),
    ("Update", "price list for {product}", "New prices for {product} in the PDF and on the site."),
    ("Build", "{thing} form for the {product} page", "Fields for {thing}; it sends an email to the team."),
    ("Plan", "{month} newsletter about {product}", "News about {product} for {audience}, with {n} offers."),
]
THINGS = """checkout login search signup booking contact review gift card loyalty delivery returns
sizing recipe sourdough pricing packaging onboarding invoice shipping stock""".split()
PRODUCTS = """candles teas coffee cakes bread jam soap scarves mugs prints cards lamps chairs bags shoes
socks hats honey granola chocolate cookies pasta sauce oil vinegar wine gin beer cider kombucha""".split()
AUDIENCES = "customers investors staff suppliers beginners parents students partners members volunteers".split()
PLATFORMS = "Instagram Facebook LinkedIn TikTok YouTube Pinterest Google Etsy".split()
LANGUAGES = "German French Spanish Italian Dutch Polish Portuguese Swedish".split()
MONTHS = "January February March April May June July August September October November December".split()


def _pairs() -> list[tuple[bool, str, str]]:
    rows = []
    for line in PAIRS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            _, label, _, first, second = line.split("\t")
            rows.append((label == "1", first, second))
    return rows


def _split(text: str) -> tuple[str, str]:
    title, _, brief = text.partition(" :: ")
    return title, brief


def _generated(count: int) -> list[tuple[str, str]]:
    rng = random.Random(13)
    rows = []
    for _ in range(count):
        verb, thing, brief = rng.choice(WORK)
        values = {
            "thing": rng.choice(THINGS),
            "product": rng.choice(PRODUCTS),
            "audience": rng.choice(AUDIENCES),
            "platform": rng.choice(PLATFORMS),
            "language": rng.choice(LANGUAGES),
            "month": rng.choice(MONTHS),
            "n": rng.choice((3, 5, 8, 12, 20, 40, 90, 1200)),
        }
        rows.append((f"{verb} the {thing.format(**values)}", brief.format(**values)))
    return rows


# --- one database, in its own process ------------------------------------------------------------


def _setup(db: str) -> None:
    if db == "sqlite":
        os.environ.pop("DATABASE_URL", None)
        os.environ["SQLITE_PATH"] = str(SQLITE)
    else:
        os.environ["DATABASE_URL"] = pg_url(PG_NAME)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "true")
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False


def _current(db: str) -> bool:
    query = "SELECT value FROM bench_similar_marker"
    try:
        if db == "sqlite":
            import sqlite3

            if not SQLITE.exists():
                return False
            with sqlite3.connect(SQLITE) as conn:
                row = conn.execute(query).fetchone()
        else:
            import psycopg

            with psycopg.connect(pg_url(PG_NAME), connect_timeout=5) as conn:
                row = conn.execute(query).fetchone()
    except Exception:
        return False
    from outsourcer.lib.similarity import profile_version

    marker = json.loads(row[0]) if row else {}
    return (marker.get("version"), marker.get("profile")) == (GENERATOR_VERSION, profile_version())


def _reset(db: str) -> None:
    if db == "sqlite":
        DATA.mkdir(parents=True, exist_ok=True)
        for path in DATA.glob("similar.sqlite3*"):
            path.unlink()
        return
    import psycopg

    from bench.run import pg_server_url

    with psycopg.connect(pg_server_url(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{PG_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{PG_NAME}"')


def generate(db: str) -> None:
    if _current(db):
        say(f"duplicate_check {db}: reusing the data set")
        return
    _reset(db)
    _setup(db)
    from django.core.management import call_command
    from django.db import connection, transaction

    from outsourcer.accounts.models import Organization
    from outsourcer.lib.similarity import index_keys, profile, profile_dump, profile_version
    from outsourcer.similar.models import SimilarDocument, SimilarPosting

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    organization = Organization.objects.create(name="Bench similar", slug="bench-similar")
    labelled = [_split(first) for _, first, _ in _pairs()]
    rows = labelled + _generated(ROWS - len(labelled))
    for start in range(0, len(rows), 5000):
        batch = [(title, brief, profile(title, brief)) for title, brief in rows[start : start + 5000]]
        with transaction.atomic():
            documents = SimilarDocument.objects.bulk_create(
                SimilarDocument(
                    organization=organization,
                    kind="task",
                    object_id=start + index + 1,
                    title=title,
                    text=brief,
                    profile=profile_dump(item),
                    contractor_name="Carol Contractor" if index % 2 else "Dan Contractor",
                )
                for index, (title, brief, item) in enumerate(batch)
            )
            # The keys the services write (index_keys), inserted raw: the ORM's objects cost minutes here.
            with connection.cursor() as cursor:
                cursor.executemany(
                    POSTING_INSERT,
                    [
                        (organization.pk, document.pk, key)
                        for document, (_, _, item) in zip(documents, batch, strict=True)
                        for key in index_keys(item)
                    ],
                )
    with connection.cursor() as cursor:
        # What autovacuum does on a live database: statistics, and on PostgreSQL the visibility map,
        # without which an index-only scan visits the table for every posting it reads.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        cursor.execute("CREATE TABLE bench_similar_marker (value text NOT NULL)")
        marker = {
            "version": GENERATOR_VERSION,
            "profile": profile_version(),
            "rows": len(rows),
            "postings": SimilarPosting.objects.count(),
        }
        cursor.execute("INSERT INTO bench_similar_marker VALUES (%s)", [json.dumps(marker)])
    say(f"duplicate_check {db}: generated {len(rows):,} entries in {time.perf_counter() - started:.0f}s")


def _p(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(db: str, out: Path) -> None:
    _setup(db)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from outsourcer.accounts.models import Organization
    from outsourcer.lib.similarity import DUPLICATE_AT, profile, score
    from outsourcer.similar.models import SimilarDocument, SimilarPosting
    from outsourcer.similar.selectors import similar_find, similar_scan

    organization = Organization.objects.get(slug="bench-similar")
    pairs = _pairs()
    queries = [_split(second) for _, _, second in pairs]
    runs = int(os.environ.get("BENCH_SIMILAR_QUERIES", "320"))
    brute = int(os.environ.get("BENCH_SIMILAR_BRUTE", "8"))
    for title, brief in queries[:20]:  # warm-ups: caches, the database's pages
        similar_find(organization=organization, title=title, brief=brief)
    timings = []
    for index in range(runs):
        title, brief = queries[index % len(queries)]
        started = time.perf_counter()
        similar_find(organization=organization, title=title, brief=brief)
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as captured:
        similar_find(organization=organization, title=queries[0][0], brief=queries[0][1])
    brute_timings = []
    agree = 0
    for title, brief in queries[:brute]:
        started = time.perf_counter()
        scanned = similar_scan(organization=organization, title=title, brief=brief)
        brute_timings.append((time.perf_counter() - started) * 1000)
        indexed = similar_find(organization=organization, title=title, brief=brief)
        agree += [m.similarity for m in indexed[:1]] == [m.similarity for m in scanned[:1]]
    # The labelled set at the threshold (the scorer alone), and what the index finds among 100,000.
    scored = [(duplicate, score(profile(*_split(a)), profile(*_split(b)))) for duplicate, a, b in pairs]
    hits = [duplicate for duplicate, similarity in scored if similarity >= DUPLICATE_AT]
    duplicates = [(index, a) for index, (duplicate, a, _) in enumerate(pairs) if duplicate]
    found = 0
    for index, first in duplicates:
        title, brief = queries[index]
        matches = similar_find(organization=organization, title=title, brief=brief)
        found += any(match.duplicate and match.title == _split(first)[0] for match in matches)
    entry = {
        "name": "duplicate_check",
        "db": db,
        "scale": "full",
        "rows": SimilarDocument.objects.filter(organization=organization).count(),
        "postings": SimilarPosting.objects.filter(organization=organization).count(),
        "measured_on": datetime.now(UTC).date().isoformat(),
        "queries_timed": runs,
        "sql_queries_per_check": len(captured),
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(_p(timings, 0.95), 2),
        "brute_force_checks": brute,
        "brute_force_p95_ms": round(_p(brute_timings, 0.95), 1),
        "precision": round(sum(hits) / len(hits), 3),
        "recall": round(sum(hits) / sum(duplicate for duplicate, _ in scored), 3),
        "found_among_rows": round(found / len(duplicates), 3),
        "top_match_agrees_with_brute_force": f"{agree}/{brute}",
        "target_p95_ms": TARGET_P95_MS,
        "ratio": round(_p(timings, 0.95) / TARGET_P95_MS, 3),
        "target": 1.0,
    }
    out.write_text(json.dumps(entry, indent=2))


# --- the driver ----------------------------------------------------------------------------------


def table(entries: list[dict]) -> list[str]:
    lines = [
        "| measured | db | rows | postings | queries per check | p50 ms | p95 ms | target p95 | brute force p95 ms "
        "| precision | recall | duplicates found among the rows |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for e in entries:
        if e["name"] != "duplicate_check":
            continue
        lines.append(
            f"| {e['measured_on']} | {e['db']} | {e['rows']:,} | {e['postings']:,} | {e['sql_queries_per_check']} | "
            f"{e['p50_ms']:.1f} | {e['p95_ms']:.1f} | ≤ {e['target_p95_ms']:.0f} | {e['brute_force_p95_ms']:,.0f} | "
            f"{e['precision']:.3f} | {e['recall']:.3f} | {e['found_among_rows']:.3f} |"
        )
    return lines


def update_doc(entries: list[dict]) -> None:
    import re

    if not DOC.exists():
        return
    block = "\n".join([START, *table(entries), END])
    text = DOC.read_text()
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text + "\n" + block + "\n"
    DOC.write_text(text)


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--generate":
        generate(sys.argv[2])
        return 0
    if len(sys.argv) == 4 and sys.argv[1] == "--measure":
        measure(sys.argv[2], Path(sys.argv[3]))
        return 0
    which = os.environ.get("BENCH_DB", "both")
    dbs = ["sqlite", "postgres"] if which == "both" else [which]
    if "postgres" in dbs and not pg_reachable():
        say("duplicate_check: PostgreSQL is not reachable, SQLite only")
        dbs = [db for db in dbs if db != "postgres"]
    DATA.mkdir(parents=True, exist_ok=True)
    entries = []
    me = str(Path(__file__).resolve())
    for db in dbs:
        out = DATA / f"similar-{db}.json"
        for step in (["--generate", db], ["--measure", db, str(out)]):
            code = subprocess.call([sys.executable, me, *step])
            if code != 0:
                say(f"duplicate_check {db}: {step[0]} failed (exit {code})")
                return code
        entry = json.loads(out.read_text())
        entries.append(entry)
        verdict = "PASS" if entry["p95_ms"] <= TARGET_P95_MS else "FAIL"
        say(
            f"{verdict} duplicate_check [{db}, {entry['rows']:,} rows]: p95 {entry['p95_ms']} ms "
            f"(brute force {entry['brute_force_p95_ms']} ms), precision {entry['precision']}, recall {entry['recall']}"
        )
    update_doc(update_results(entries))
    say(f"results: {LATEST.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
