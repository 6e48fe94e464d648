"""The timing worker's measurement: the page, the selectors and the hand-written SQL must agree on
every figure; then they are timed interleaved and their EXPLAIN plans recorded (bench/run.py
starts it in a fresh process with Django set up for one database and scale)."""

import gc
import os
import re
import statistics
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
TARGET = 1.5
WARMUPS = 2


def say(message: str) -> None:
    print(f"[bench] {message}", flush=True)


# Long on purpose: its numbered steps share the closures over one logged-in client, organization
# and statement, and read top to bottom as the benchmark's protocol.
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
            b.figures.period_start,
            b.figures.period_end,
            b.figures.budgeted_cents,
            b.figures.spent_cents,
            b.figures.committed_cents,
            b.figures.forecast_hourly_cents,
            b.figures.remaining_cents,
            b.figures.status,
            run_out[b.pk],
        )
        for b in budgets
    }
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
    times = _interleaved_times({"page": page, "sql": bare_sql, "data": overview_data, "replay": replay}, runs)
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


def _interleaved_times(sides: dict[str, Callable[[], object]], runs: int) -> dict[str, list[float]]:
    """Milliseconds of each side, run in turn round after round so drift hits every side alike."""
    times: dict[str, list[float]] = {name: [] for name in sides}
    for i in range(WARMUPS + runs):
        for name, fn in sides.items():
            gc.collect()
            started = time.perf_counter()
            fn()
            elapsed = (time.perf_counter() - started) * 1000
            if i >= WARMUPS:
                times[name].append(elapsed)
    return times


def _diff(left: dict, right: dict, left_name: str, right_name: str) -> str:
    lines = [f"{left_name} and {right_name} disagree:"]
    for key in sorted(set(left) | set(right)):
        if left.get(key) != right.get(key):
            lines.append(f"  budget {key}: {left_name} {left.get(key)} vs {right_name} {right.get(key)}")
    return "\n".join(lines[:30])


def check_html(html: str, expected: dict[int, tuple], slug: str) -> None:
    """Each budget's row shows its budgeted, committed, spent and remaining money, its status and
    its run-out day (the tuple of baseline.FIGURES)."""
    from outsourcer.budgets.models import Budget
    from outsourcer.lib.money import format_money

    currencies = dict(Budget.objects.filter(pk__in=expected).values_list("pk", "currency"))
    for row in html.split("<tr>")[1:]:
        match = re.search(rf'href="/o/{re.escape(slug)}/budgets/(\d+)/"', row)
        if match:
            expected_row = expected.get(int(match.group(1)))
            assert expected_row is not None, f"budget {match.group(1)} is on the page but not in the SQL"
    for pk, (_, _, budgeted, spent, committed, _, remaining, status, run_out) in expected.items():
        rows = [r for r in html.split("<tr>") if f'href="/o/{slug}/budgets/{pk}/"' in r]
        assert len(rows) == 1, f"budget {pk} is not on the page once"
        # The four money cells in column order; a cell may carry a label for narrow screens.
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r'<td class="num[^"]*">(.*?)</td>', rows[0])]
        money = [format_money(v, currencies[pk]) for v in (budgeted, committed, spent, remaining)]
        shows = len(cells) == len(money) and all(c.endswith(m) for c, m in zip(cells, money, strict=True))
        assert shows, f"budget {pk}: page shows {cells}, SQL says {money}"
        shown_status = re.search(r'<span class="status status-(\w+)">', rows[0])
        assert shown_status and shown_status.group(1) == status, f"budget {pk}: status on the page vs {status}"
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
