from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "outsourcer.budgets"
    label = "budgets"
