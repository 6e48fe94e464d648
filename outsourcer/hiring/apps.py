from django.apps import AppConfig


class HiringConfig(AppConfig):
    name = "outsourcer.hiring"
    label = "hiring"
