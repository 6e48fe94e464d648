from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "outsourcer.notifications"
    label = "notifications"
