"""The database refuses to change or delete a ledger row, whatever code asks.

PostgreSQL: a row trigger refuses UPDATE and DELETE on budgets_spendentry, with one exception: an
UPDATE that changes nothing but contractor_id, from a merged prospect record to the account it
merged into, as a contractors_contractormerge row records (contractors/merge.py, docs/money.md).

SQLite gets the UPDATE half only. Django empties tables between transactional tests with
DELETE FROM there (TRUNCATE on PostgreSQL, which row triggers do not see), so a DELETE trigger
would break the test suite; on SQLite the model and the PROTECT foreign keys guard deletion.
"""

from django.db import migrations

POSTGRES_FORWARD = """
CREATE FUNCTION budgets_spendentry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
        AND (to_jsonb(NEW) - 'contractor_id') = (to_jsonb(OLD) - 'contractor_id')
        AND EXISTS (
            SELECT 1 FROM contractors_contractormerge m
            WHERE m.merged_contractor_id = OLD.contractor_id AND m.into_id = NEW.contractor_id
        )
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'budgets_spendentry is append-only: % refused; record a correcting entry instead', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER budgets_spendentry_append_only BEFORE UPDATE OR DELETE ON budgets_spendentry
    FOR EACH ROW EXECUTE FUNCTION budgets_spendentry_append_only();
"""
POSTGRES_BACKWARD = """
DROP TRIGGER IF EXISTS budgets_spendentry_append_only ON budgets_spendentry;
DROP FUNCTION IF EXISTS budgets_spendentry_append_only();
"""

# Every column but contractor_id, as of this migration.
COLUMNS = """
    id organization_id budget_id period_start contract_id kind amount_cents currency original_amount_cents
    original_currency exchange_rate_micros occurred_on covers_month description receipt time_entry_id milestone_id
    reverses_id created_by_id created_at
""".split()
UNCHANGED = " AND ".join(f"NEW.{column} IS OLD.{column}" for column in COLUMNS)
# Built from the constant column names above only.
SQLITE_FORWARD = f"""
CREATE TRIGGER budgets_spendentry_no_update BEFORE UPDATE ON budgets_spendentry
WHEN NOT ({UNCHANGED} AND EXISTS (
    SELECT 1 FROM contractors_contractormerge m
    WHERE m.merged_contractor_id = OLD.contractor_id AND m.into_id = NEW.contractor_id
))
BEGIN
    SELECT RAISE(ABORT, 'budgets_spendentry is append-only: UPDATE refused; record a correcting entry instead');
END;
"""  # noqa: S608
SQLITE_BACKWARD = "DROP TRIGGER IF EXISTS budgets_spendentry_no_update;"


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_FORWARD, params=None)  # plpgsql uses %
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_BACKWARD)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [
        ("budgets", "0003_ledger_protect_constraints"),
        ("contractors", "0002_merge_constraints"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
