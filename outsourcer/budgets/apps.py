from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "outsourcer.budgets"
    label = "budgets"

    def ready(self) -> None:
        from outsourcer.budgets.ledger import spend_contractor_relink
        from outsourcer.contractors.merge import contractor_merge_rule_register

        # Ledger rows follow a merged prospect record to the account through the ledger's one
        # narrow exception; amounts never change (docs/money.md). Their SpendTotal rows are
        # recomputed with them.
        contractor_merge_rule_register(
            "budgets.SpendEntry", "contractor", lambda rows, into: spend_contractor_relink(rows, into=into)
        )
