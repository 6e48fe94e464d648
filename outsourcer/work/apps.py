from django.apps import AppConfig


class WorkConfig(AppConfig):
    """Work with contractors: briefs and the brief-clarity check (tasks, threads and check-ins join it)."""

    name = "outsourcer.work"
    label = "work"
