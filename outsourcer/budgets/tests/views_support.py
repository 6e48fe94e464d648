"""Shared helpers for the budget, contract and time page tests: frozen time (the builders work in
March 2025), URLs in Alice's organization and a way to read rendered money."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

NOW = datetime(2025, 3, 17, 10, 0, tzinfo=UTC)  # Monday 17 March 2025, 11:00 in Berlin


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def org_url(personas):
    """`org_url("budgets:detail", budget_id=…)` in Alice's organization."""

    def _url(name: str, **kwargs) -> str:
        return reverse(name, kwargs={"org_slug": personas.org.slug, **kwargs})

    return _url


def text(response) -> str:
    """The response body with HTML's non-breaking spaces and entities left alone, as a str."""
    return response.content.decode()
