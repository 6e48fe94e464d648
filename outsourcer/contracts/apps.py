from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "outsourcer.contracts"
    label = "contracts"

    def ready(self):
        # Budgets sit below contracts and cannot import them: contracts hands the budget figures
        # what its contracts commit (docs/architecture.md).
        from outsourcer.budgets.figures import commitments_register
        from outsourcer.contracts.commitments import CONTRACT_COMMITMENTS

        commitments_register(CONTRACT_COMMITMENTS)
