from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "outsourcer.contracts"
    label = "contracts"
