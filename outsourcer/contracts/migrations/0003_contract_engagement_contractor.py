"""A contract's contractor is always its engagement's, held by the database.

Django has no composite foreign keys, so this is SQL. PostgreSQL: (engagement_id, contractor_id)
references the engagement's unique (id, contractor_id) (contractors migration 0002); ON UPDATE
CASCADE lets a contractor merge move an engagement and its contracts follow in the same
statement. SQLite cannot add a constraint to an existing table: two triggers check the pair on
INSERT and on UPDATE of either column.
"""

from django.db import migrations

POSTGRES_FORWARD = """
ALTER TABLE contracts_contract ADD CONSTRAINT contract_engagement_contractor_fk
    FOREIGN KEY (engagement_id, contractor_id) REFERENCES contractors_engagement (id, contractor_id)
    ON UPDATE CASCADE;
"""
POSTGRES_BACKWARD = "ALTER TABLE contracts_contract DROP CONSTRAINT IF EXISTS contract_engagement_contractor_fk;"

MISMATCH = (
    "NEW.contractor_id IS NOT (SELECT e.contractor_id FROM contractors_engagement e WHERE e.id = NEW.engagement_id)"
)
MESSAGE = "contract_engagement_contractor: a contract''s contractor must be its engagement''s"
SQLITE_FORWARD = [
    f"""CREATE TRIGGER contract_engagement_contractor_insert BEFORE INSERT ON contracts_contract
    WHEN {MISMATCH} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    f"""CREATE TRIGGER contract_engagement_contractor_update
    BEFORE UPDATE OF engagement_id, contractor_id ON contracts_contract
    WHEN {MISMATCH} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS contract_engagement_contractor_insert;",
    "DROP TRIGGER IF EXISTS contract_engagement_contractor_update;",
]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_FORWARD)
    elif vendor == "sqlite":
        for statement in SQLITE_FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_BACKWARD)
    elif vendor == "sqlite":
        for statement in SQLITE_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("contracts", "0002_restrict_constraints"),
        ("contractors", "0002_merge_constraints"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
