from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "outsourcer.audit"
    label = "audit"
