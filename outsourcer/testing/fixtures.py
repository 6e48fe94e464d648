"""Fixtures every domain's tests share, loaded by the root conftest (`pytest_plugins`): the JSON API
client, URLs in Alice's organization, and `frozen` (the builders' Monday, 17 March 2025)."""

import json

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from outsourcer.accounts.services import api_token_create
from outsourcer.testing.builders import NOW


class ApiClient:
    """A test client that speaks JSON and sends `Authorization: Bearer <token>` when it has one."""

    def __init__(self, raw_token: str | None = None):
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {raw_token}"} if raw_token else {}

    def request(self, method: str, path: str, body=None, **params):
        kwargs = {"headers": self.headers}
        if body is not None:
            kwargs.update(data=json.dumps(body), content_type="application/json")
        elif params:
            kwargs["data"] = params
        return getattr(self.client, method)(f"/api/v1{path}", **kwargs)

    def get(self, path, **params):
        return self.request("get", path, **params)

    def post(self, path, body=None):
        return self.request("post", path, {} if body is None else body)

    def patch(self, path, body=None):
        return self.request("patch", path, {} if body is None else body)


@pytest.fixture
def api_as(personas):
    """`api_as(user)` → an ApiClient with a fresh token of the user's organization (Oscar: his own),
    `api_as(user, portal=True)` → a contractor-portal token, `api_as(None)` → anonymous."""

    def _api(user, *, portal: bool = False, organization=None):
        if user is None:
            return ApiClient()
        if organization is None and not portal:
            organization = personas.other_org if user == personas.oscar else personas.org
        _, raw = api_token_create(user=user, name="test", organization=None if portal else organization)
        return ApiClient(raw)

    return _api


@pytest.fixture
def frozen():
    """The clock stopped at the builders' NOW, for tests whose figures depend on the day."""
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
