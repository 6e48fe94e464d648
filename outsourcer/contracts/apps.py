from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "outsourcer.contracts"
    label = "contracts"

    def ready(self) -> None:
        from outsourcer.accounts.services import organization_close_hook_register
        from outsourcer.budgets.figures import commitments_register
        from outsourcer.budgets.jobs import budget_runners_register
        from outsourcer.contractors.merge import contractor_merge_rule_register
        from outsourcer.contracts.commitments import CONTRACT_COMMITMENTS
        from outsourcer.contracts.selectors import budget_runner_ids
        from outsourcer.contracts.services.contracts import contract_end_all_for_organization

        # Budgets sit below contracts and cannot import them: contracts hands the budget figures
        # what its contracts commit (docs/architecture.md).
        commitments_register(CONTRACT_COMMITMENTS)
        # Managers who run a budget's contracts receive its alerts too.
        budget_runners_register(budget_runner_ids)
        # A merged prospect's contracts and time are the account's from now on.
        contractor_merge_rule_register("contracts.Contract", "contractor")
        contractor_merge_rule_register("contracts.TimeEntry", "contractor")
        # A closed organization has no open contracts: no fee is posted, no time logged.
        organization_close_hook_register(contract_end_all_for_organization)
