"""Deterministic large-data generator for the budget benchmark (docs/performance.md).

Writes straight into the configured database (the services would take hours for a million rows):
`bulk_create` for the small tables, COPY / executemany for time entries and the ledger. Every row
is one the services could have written — one organization per row, contracts inside their
budget's dates and drawn from an engagement of the same organization, time entries by the
contract's own contractor, ledger rows filed under the budget period that contains their day, one
retainer fee per contract and month, milestones summing to the contract total, corrections
negating exactly one earlier entry — and `check_consistency` proves it after the load.

Shape: the demo organization ("crumb", owner alice@crumb.example) among 5 others, 200 budgets,
500 contractors with their engagements, hourly / retainer / fixed-price contracts, and
`SCALES[scale]` time entries + ledger rows in total, spread over the organizations in proportion
to their budgets and over about two years of history ending today. Rows are inserted in the order
they would have been created (interleaving organizations and budgets), so tables and indexes are
laid out as on a live database, not clustered by budget.

Use it through bench/run.py; `generate(scale=..., today=...)` expects Django to be set up.
"""

import sys
import time
from datetime import UTC, date

from bench.builder import build_rows, finalize_ids
from bench.shape import (  # re-exported: bench/run.py reads the scale, seed and demo names here
    BATCH_SIZE,
    DEMO_OWNER_EMAIL,
    DEMO_SLUG,
    GENERATOR_VERSION,
    SCALES,
    SEED,
    say,
)

__all__ = ["DEMO_OWNER_EMAIL", "DEMO_SLUG", "GENERATOR_VERSION", "SCALES", "SEED", "generate"]


def _insert(model, dicts: list[dict], *, label: str) -> None:
    started = time.perf_counter()
    names = {f.attname for f in model._meta.concrete_fields}
    total = len(dicts)
    for offset in range(0, total, BATCH_SIZE):
        batch = [model(**{k: v for k, v in d.items() if k in names}) for d in dicts[offset : offset + BATCH_SIZE]]
        model.objects.bulk_create(batch, batch_size=BATCH_SIZE)
        done = min(offset + BATCH_SIZE, total)
        if total > 50_000 and (done // BATCH_SIZE) % 20 == 0 or done == total:
            rate = done / max(time.perf_counter() - started, 1e-9)
            say(f"  {label}: {done:,}/{total:,} rows ({rate:,.0f} rows/s)")


def _insert_fast(model, dicts: list[dict], *, label: str) -> None:
    """The million-row tables skip the ORM's per-row SQL compilation (about 250 µs a row): COPY on
    PostgreSQL, executemany on SQLite. Values are the same Python values bulk_create would send."""
    from django.db import connection, models

    started = time.perf_counter()
    fields = model._meta.concrete_fields
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    postgres = connection.vendor == "postgresql"

    def converter(f):
        if isinstance(f, models.DateTimeField):
            # SQLite stores naive UTC text, as Django's adapter does with USE_TZ.
            return (
                (lambda v: v) if postgres else (lambda v: v and v.astimezone(UTC).replace(tzinfo=None).isoformat(" "))
            )
        if isinstance(f, models.DateField):
            return (lambda v: v) if postgres else (lambda v: v and v.isoformat())
        if isinstance(f, (models.JSONField, models.BooleanField)):
            raise TypeError(f"{model.__name__}.{f.name}: use bulk_create for this field type")
        return lambda v: v

    prepared = [(f.attname, converter(f), f.get_default() if f.has_default() else None) for f in fields]
    total = len(dicts)
    with connection.cursor() as cursor:
        raw = cursor.cursor
        if not postgres:
            # Random-order index inserts thrash SQLite's default 2 MB page cache; give the load
            # 1 GB and put the default back before anything is timed.
            cache_size = raw.execute("PRAGMA cache_size").fetchone()[0]
            raw.execute("PRAGMA cache_size = -1048576")
        for offset in range(0, total, BATCH_SIZE * 10):
            chunk = [
                tuple(conv(d[name] if name in d else default) for name, conv, default in prepared)
                for d in dicts[offset : offset + BATCH_SIZE * 10]
            ]
            if postgres:
                with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in chunk:
                        copy.write_row(row)
            else:
                placeholders = ", ".join("?" * len(fields))
                # Table and column names come from the model's _meta, quoted; values are parameters.
                raw.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", chunk)  # noqa: S608
            done = offset + len(chunk)
            rate = done / max(time.perf_counter() - started, 1e-9)
            say(f"  {label}: {done:,}/{total:,} rows ({rate:,.0f} rows/s)")
        if not postgres:
            raw.execute(f"PRAGMA cache_size = {int(cache_size)}")


def generate(*, scale: str, today: date) -> dict:
    """Build and insert the data set into the (migrated, empty) default database, then ANALYZE.
    Returns the counts per table."""
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from outsourcer.accounts.models import Membership, Organization, User
    from outsourcer.budgets.ledger import spend_totals_rebuild
    from outsourcer.budgets.models import Budget, SpendEntry
    from outsourcer.contractors.models import Contractor, Engagement
    from outsourcer.contracts.models import Contract, Milestone, TimeEntry

    started = time.perf_counter()
    say(f"building {SCALES[scale]:,} time + ledger rows in memory (seed {SEED}, today {today})")
    rows = build_rows(scale=scale, today=today)
    finalize_ids(rows)
    counts = {
        "organizations": len(rows.organizations),
        "users": len(rows.users),
        "contractors": len(rows.contractors),
        "engagements": len(rows.engagements),
        "budgets": len(rows.budgets),
        "contracts": len(rows.contracts),
        "milestones": len(rows.milestones),
        "time_entries": len(rows.time_entries),
        "spend_entries": len(rows.spend_entries),
    }
    say(f"built in {time.perf_counter() - started:.1f}s: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))

    plan = [
        (Organization, rows.organizations, "organizations"),
        (User, rows.users, "users"),
        (Membership, rows.memberships, "memberships"),
        (Contractor, rows.contractors, "contractors"),
        (Engagement, rows.engagements, "engagements"),
        (Budget, rows.budgets, "budgets"),
        (Contract, rows.contracts, "contracts"),
        (Milestone, rows.milestones, "milestones"),
        (TimeEntry, rows.time_entries, "time entries"),
        (SpendEntry, rows.spend_entries, "spend entries"),
    ]
    for model, dicts, label in plan:
        with transaction.atomic():
            (_insert_fast if model in (TimeEntry, SpendEntry) else _insert)(model, dicts, label=label)
    del rows
    if connection.vendor == "postgresql":
        # Explicit ids were inserted: move the sequences past them.
        statements = connection.ops.sequence_reset_sql(no_style(), [m for m, _, _ in plan])
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
    # The ledger went in by COPY, past ledger.spend_record: its sums (SpendTotal) from it in one pass.
    spend_totals_rebuild()
    say(f"inserted in {time.perf_counter() - started:.1f}s; checking consistency")
    check_consistency(connection)
    say("consistent; analysing")
    analyse(connection)
    call_command("check", verbosity=0)
    say(f"done in {time.perf_counter() - started:.1f}s")
    return counts


# Each query counts rows that break a rule the services keep; all must be 0.
CONSISTENCY = {
    "contract outside its engagement's organization or contractor": """
        SELECT COUNT(*) FROM contracts_contract c JOIN contractors_engagement g ON g.id = c.engagement_id
        WHERE g.organization_id <> c.organization_id OR g.contractor_id <> c.contractor_id""",
    "contract drawing from another organization's budget": """
        SELECT COUNT(*) FROM contracts_contract c JOIN budgets_budget b ON b.id = c.budget_id
        WHERE b.organization_id <> c.organization_id OR b.currency <> c.currency AND c.exchange_rate_micros IS NULL""",
    "contract outside its budget's dates": """
        SELECT COUNT(*) FROM contracts_contract c JOIN budgets_budget b ON b.id = c.budget_id
        WHERE c.starts_on < b.starts_on OR b.ends_on IS NOT NULL AND c.ends_on > b.ends_on""",
    "time entry not by the contract's contractor or organization": """
        SELECT COUNT(*) FROM contracts_timeentry t JOIN contracts_contract c ON c.id = t.contract_id
        WHERE t.contractor_id <> c.contractor_id OR t.organization_id <> c.organization_id
           OR c.rate_model = 'fixed' OR c.status = 'draft' OR t.worked_on < c.starts_on""",
    "ledger row in another organization or currency than its budget": """
        SELECT COUNT(*) FROM budgets_spendentry e JOIN budgets_budget b ON b.id = e.budget_id
        WHERE e.organization_id <> b.organization_id OR e.currency <> b.currency
           OR e.occurred_on < b.starts_on OR b.ends_on IS NOT NULL AND e.occurred_on > b.ends_on
           OR e.period_start > e.occurred_on""",
    "ledger row of a contract drawn from another budget": """
        SELECT COUNT(*) FROM budgets_spendentry e JOIN contracts_contract c ON c.id = e.contract_id
        WHERE c.budget_id <> e.budget_id OR c.contractor_id <> e.contractor_id""",
    "time spend without an approved entry of the same contract": """
        SELECT COUNT(*) FROM budgets_spendentry e LEFT JOIN contracts_timeentry t ON t.id = e.time_entry_id
        WHERE e.kind = 'time' AND (t.id IS NULL OR t.status <> 'approved' OR t.contract_id <> e.contract_id
                                   OR t.worked_on <> e.occurred_on)""",
    "correction that does not negate its entry": """
        SELECT COUNT(*) FROM budgets_spendentry e JOIN budgets_spendentry r ON r.id = e.reverses_id
        WHERE e.amount_cents <> -r.amount_cents OR e.period_start <> r.period_start OR e.budget_id <> r.budget_id""",
    "fixed-price contract whose milestones do not sum to its total": """
        SELECT COUNT(*) FROM contracts_contract c
        WHERE c.rate_model = 'fixed' AND c.total_cents <> (
            SELECT COALESCE(SUM(m.amount_cents), 0) FROM contracts_milestone m WHERE m.contract_id = c.id)""",
}


def check_consistency(connection) -> None:
    from outsourcer.budgets.ledger import spend_totals_mismatched

    with connection.cursor() as cursor:
        for rule, sql in CONSISTENCY.items():
            cursor.execute(sql)
            broken = cursor.fetchone()[0]
            if broken:
                raise AssertionError(f"{broken} rows break: {rule}")
    if broken := spend_totals_mismatched():
        raise AssertionError(f"{broken} rows break: SpendTotal equals the ledger's sums")


def analyse(connection) -> None:
    """Planner statistics as on a settled database. On PostgreSQL VACUUM as well: it sets the
    visibility map, without which index-only scans still visit the heap for fresh rows. On SQLite
    a checkpoint, for the same reason as a restart would."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")
            # Move the load out of the write-ahead log, or readers look every page up in it.
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


if __name__ == "__main__":
    sys.exit("Run the benchmark with `make bench` (bench/run.py); it calls this module.")
