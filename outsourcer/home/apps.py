from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The front door: pages and commands that span every domain (the home page, the nav's
    workspace, the demo and the scheduler). It sits above every domain and owns no models."""

    name = "outsourcer.home"
    label = "home"
