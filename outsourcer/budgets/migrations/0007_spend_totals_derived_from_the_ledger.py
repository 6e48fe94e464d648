"""SpendTotal: the ledger's sums per (budget, period, contract, contractor), derived and kept by
budgets/ledger.py; built here from the rows already in the ledger. The SQL is copied from
ledger.spend_totals_rebuild so this migration does not change when that module does."""

import django.db.models.deletion
from django.db import migrations, models


BUILD = """
INSERT INTO budgets_spendtotal (budget_id, period_start, contract_key, contractor_key, amount_cents)
SELECT budget_id, period_start, COALESCE(contract_id, 0), COALESCE(contractor_id, 0), SUM(amount_cents)
  FROM budgets_spendentry
 GROUP BY budget_id, period_start, COALESCE(contract_id, 0), COALESCE(contractor_id, 0)
"""


def build_totals(apps, schema_editor):
    schema_editor.execute(BUILD)


class Migration(migrations.Migration):
    dependencies = [
        ("budgets", "0006_ledger_index_matches_its_order"),
    ]

    operations = [
        migrations.CreateModel(
            name="SpendTotal",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("period_start", models.DateField()),
                ("contract_key", models.BigIntegerField(default=0)),
                ("contractor_key", models.BigIntegerField(default=0)),
                ("amount_cents", models.BigIntegerField(default=0)),
                (
                    "budget",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="budgets.budget"
                    ),
                ),
            ],
            options={
                "indexes": [models.Index(fields=["contract_key", "amount_cents"], name="spend_total_contract")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("budget", "period_start", "contract_key", "contractor_key"), name="spend_total_key"
                    )
                ],
            },
        ),
        migrations.RunPython(build_totals, migrations.RunPython.noop),
    ]
