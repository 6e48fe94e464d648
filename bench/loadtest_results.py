"""make loadtest's results: locust's CSV read back, one `mixed_load_<users>` entry per user count
(this tree and the previous main side by side, with issue 10's targets), bench/results/latest.json
and the table in docs/performance.md. The run itself is bench/loadtest.py."""

import csv
import re
from pathlib import Path

from bench.load_requests import REQUESTS

ROOT = Path(__file__).resolve().parent.parent
LATEST = ROOT / "bench" / "results" / "latest.json"
DOC = ROOT / "docs" / "performance.md"
TABLE_START, TABLE_END = "<!-- loadtest:table -->", "<!-- /loadtest:table -->"
# Issue 10's targets on the 2-core machine (the rate and p95 ones at 16 users).
TARGET_USERS, TARGET_REQ_PER_S, TARGET_P95_MS = 16, 90, 300
SCALE_ROWS = {"small": 50_000, "full": 1_000_000}


def _ms(value: str) -> float:
    return round(float(value), 1) if value not in ("", "N/A") else 0.0


def read_locust_stats(path: Path) -> dict:
    """Locust's `--csv` stats file → totals and per-request figures (milliseconds)."""
    with path.open(newline="") as handle:
        rows = list(csv.DictReader(handle))

    def figures(row: dict) -> dict:
        return {
            "requests": int(row["Request Count"]),
            "errors": int(row["Failure Count"]),
            "req_per_s": round(float(row["Requests/s"]), 1),
            "p50_ms": _ms(row["50%"]),
            "p95_ms": _ms(row["95%"]),
            "p99_ms": _ms(row["99%"]),
        }

    total = next(row for row in rows if row["Name"] == "Aggregated")
    return figures(total) | {"per_request": {row["Name"]: figures(row) for row in rows if row["Name"] != "Aggregated"}}


# --- results -----------------------------------------------------------------------------------------

RESULT_KEYS = ("requests", "errors", "req_per_s", "p50_ms", "p95_ms", "p99_ms")


def result_entry(*, users: int, current: dict, baseline: dict, meta: dict) -> dict:
    """One `mixed_load_<users>` entry of bench/results/latest.json (keys documented in
    docs/performance.md)."""
    entry = {
        "name": f"mixed_load_{users}",
        "db": "postgres",
        "scale": meta["scale"],
        "rows": SCALE_ROWS[meta["scale"]],
        "measured_on": meta["measured_on"],
        "users": users,
        "seconds": meta["seconds"],
        "workers": meta["workers"],
        **{key: current[key] for key in RESULT_KEYS},
        "per_request": current["per_request"],
        "targets": {"errors": 0}
        | ({"min_req_per_s": TARGET_REQ_PER_S, "max_p95_ms": TARGET_P95_MS} if users == TARGET_USERS else {}),
        "baseline": {"ref": meta["baseline_ref"], "commit": meta["baseline_commit"]}
        | {"schema": meta.get("baseline_schema", "its own")}
        | {key: baseline[key] for key in RESULT_KEYS}
        | {"per_request": baseline["per_request"]},
        "machine": meta["machine"],
    }
    entry["meets_targets"] = meets_targets(entry)
    return entry


def meets_targets(entry: dict) -> bool:
    targets = entry["targets"]
    return (
        entry["requests"] > 0
        and entry["errors"] <= targets["errors"]
        and entry["req_per_s"] >= targets.get("min_req_per_s", 0)
        and entry["p95_ms"] <= targets.get("max_p95_ms", float("inf"))
    )


def doc_table(entries: list[dict]) -> str:
    loads = sorted((e for e in entries if e["name"].startswith("mixed_load_")), key=lambda e: (e["scale"], e["users"]))
    lines = [
        TABLE_START,
        "| measured | scale | users | req/s | p50 ms | p95 ms | p99 ms | errors "
        "| previous main: req/s | p50 | p95 | p99 | errors | targets | result |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for e in loads:
        b, t = e["baseline"], e["targets"]
        target = ", ".join(
            [f"{t['errors']} errors"]
            + ([f"≥ {t['min_req_per_s']} req/s", f"p95 ≤ {t['max_p95_ms']} ms"] if "min_req_per_s" in t else [])
        )
        lines.append(
            f"| {e['measured_on']} | {e['scale']} | {e['users']} | {e['req_per_s']:.1f} | {e['p50_ms']:.0f} "
            f"| {e['p95_ms']:.0f} | {e['p99_ms']:.0f} | {e['errors']} | {b['req_per_s']:.1f} | {b['p50_ms']:.0f} "
            f"| {b['p95_ms']:.0f} | {b['p99_ms']:.0f} | {b['errors']} | {target} "
            f"| {'pass' if e['meets_targets'] else '**fail**'} |"
        )
    if loads:
        e = next((e for e in loads if e["users"] == TARGET_USERS), loads[-1])
        lines += [
            "",
            f"Per request at {e['users']} users ({e['scale']}): p50 ms, this tree / previous main "
            f"(`{e['baseline']['ref']}`, {e['baseline']['commit'][:10]}).",
            "",
            "| request | p50 ms | previous main p50 ms | errors | previous main errors |",
            "|---|---:|---:|---:|---:|",
        ]
        for name in REQUESTS:
            mine, theirs = e["per_request"].get(name, {}), e["baseline"]["per_request"].get(name, {})
            lines.append(
                f"| {name} | {mine.get('p50_ms', 0):.0f} | {theirs.get('p50_ms', 0):.0f} "
                f"| {mine.get('errors', 0)} | {theirs.get('errors', 0)} |"
            )
    return "\n".join([*lines, TABLE_END])


def write_results(new_entries: list[dict]) -> None:

    from bench.run import update_results

    merged = update_results(new_entries)
    table = doc_table(merged)
    text = DOC.read_text()
    pattern = re.compile(re.escape(TABLE_START) + ".*?" + re.escape(TABLE_END), re.DOTALL)
    DOC.write_text(pattern.sub(lambda _: table, text) if pattern.search(text) else text + "\n" + table + "\n")


# --- the driver --------------------------------------------------------------------------------------
