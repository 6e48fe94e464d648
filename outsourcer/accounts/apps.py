from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "outsourcer.accounts"
    label = "accounts"
