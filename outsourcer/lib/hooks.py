"""Hooks by convention: a lower layer asks every installed app for a module of a given name
(`jobs`, `demo`) instead of importing the higher domains (docs/architecture.md)."""

import importlib
from types import ModuleType

from django.apps import apps


def app_modules(name: str) -> list[ModuleType]:
    """Each installed app's `<app>.<name>` module, in INSTALLED_APPS order; apps without one are
    skipped. A module that exists but fails to import raises."""
    modules = []
    for config in apps.get_app_configs():
        module_name = f"{config.name}.{name}"
        try:
            modules.append(importlib.import_module(module_name))
        except ModuleNotFoundError as exc:
            # Only "this app has no such module" is fine; a broken import inside it is not.
            if exc.name != module_name:
                raise
    return modules
