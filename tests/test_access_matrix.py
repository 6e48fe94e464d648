"""Runs every access-matrix row (see tests/access_matrix.py) and checks the matrix is complete."""

import importlib
import pkgutil

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import outsourcer
from outsourcer.accounts.services import api_token_create
from tests.access_matrix import COLUMNS, Row

# URL namespaces that are not ours to matrix: Django's admin (staff only) and the API, whose
# operations are matrixed by path from the OpenAPI document instead of by URL name.
SKIP_NAMESPACES = {"admin", "api"}


def _collect_rows() -> list[Row]:
    rows: list[Row] = []
    for module in pkgutil.iter_modules(outsourcer.__path__):
        try:
            rows_module = importlib.import_module(f"outsourcer.{module.name}.tests.access_rows")
        except ModuleNotFoundError:
            continue
        rows.extend(rows_module.ROWS)
    return rows


ROWS = _collect_rows()


def _url_names(patterns, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            if ns in SKIP_NAMESPACES:
                continue
            prefix = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            names |= _url_names(pattern.url_patterns, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


def _request(client: Client, row: Row, personas, user) -> tuple[int, str, bool]:
    """(status, redirect target, whether the row's probe saw a write); the probe is read after
    the persona's token is made, so only the request itself counts."""
    kwargs = row.kwargs(personas)
    headers = {}
    if row.api:
        url = row.name.format(**kwargs)
        if user is not None:
            member_of = personas.other_org if user == personas.oscar else personas.org
            # Contractors get a portal token, unless the row made Carol a manager too
            # (tests/access_matrix.py::as_contractor_manager).
            is_member = member_of.memberships.filter(user=user).exists()
            organization = member_of if is_member else None
            _, raw = api_token_create(user=user, name="matrix", organization=organization)
            headers["Authorization"] = f"Bearer {raw}"
    else:
        url = reverse(row.name, kwargs=kwargs)
        if user is not None:
            client.force_login(user, backend="outsourcer.accounts.backends.EmailBackend")
    data = row.data(personas) if row.data else None
    before = row.wrote(personas) if row.is_mutating else None
    if row.api and data is not None:
        import json

        response = client.generic(
            row.method, url, json.dumps(data), content_type=row.content_type or "application/json", headers=headers
        )
    elif row.method == "GET":
        response = client.get(url, data or {}, headers=headers)
    else:
        response = client.generic(
            row.method,
            url,
            _encode(data or {}),
            content_type=row.content_type or "application/x-www-form-urlencoded",
            headers=headers,
        )
    wrote = row.is_mutating and row.wrote(personas) != before
    return response.status_code, response.headers.get("Location", ""), wrote


def _encode(data: dict) -> str:
    from urllib.parse import urlencode

    return urlencode(data, doseq=True)


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_access_matrix(row: Row, personas):
    results, answers, wrote_by = {}, {}, []
    for column in COLUMNS:
        user = personas.by_name(column)
        # Each persona starts from the same state: the row's request runs in a savepoint that
        # is rolled back, so one persona's successful POST does not change the next one's answer.
        with transaction.atomic():
            status, location, wrote = _request(Client(), row, personas, user)
            transaction.set_rollback(True)
        results[column], answers[column] = status, (status, location)
        if wrote:
            wrote_by.append(column)
    assert results == row.expected
    if row.is_mutating:
        # A persona answered as if it wrote but nothing changed (e.g. a redirect on an error), or
        # one that was refused wrote anyway.
        assert wrote_by == row.expected_writers(answers), f"{row.id}: answers {answers}"


def test_every_url_pattern_is_in_the_matrix():
    declared = {row.name for row in ROWS if not row.api}
    missing = sorted(_url_names(get_resolver().url_patterns) - declared)
    assert missing == [], f"URL patterns without an access-matrix row: {missing}"


def test_every_api_operation_is_in_the_matrix(client):
    schema = client.get("/api/v1/openapi.json").json()
    operations = {
        (f"/api/v1{path}" if not path.startswith("/api/v1") else path, method.upper())
        for path, methods in schema["paths"].items()
        for method in methods
        if method in {"get", "post", "put", "patch", "delete"}
    }
    declared = {(row.name, row.method) for row in ROWS if row.api}
    assert sorted(operations - declared) == []


POST_ROWS = [row for row in ROWS if row.method == "POST" and not row.api]
POST_ONLY_ROWS = [row for row in POST_ROWS if not row.get_allowed]


@pytest.mark.parametrize("row", POST_ONLY_ROWS, ids=[row.id for row in POST_ONLY_ROWS])
def test_state_changing_urls_refuse_get(row: Row, personas):
    client = Client()
    client.force_login(personas.alice if row.expected["alice"] != 404 else personas.carol)
    response = client.get(reverse(row.name, kwargs=row.kwargs(personas)))
    assert response.status_code == 405


@pytest.mark.parametrize("row", POST_ROWS, ids=[row.id for row in POST_ROWS])
def test_state_changing_urls_need_csrf_token(row: Row, personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.alice if row.expected["alice"] != 404 else personas.carol)
    response = client.post(reverse(row.name, kwargs=row.kwargs(personas)), row.data(personas) if row.data else {})
    assert response.status_code == 403


def test_a_redirect_that_wrote_nothing_is_told_from_a_success(personas):
    # Alice is the last owner: leaving is refused with a redirect, which a status check alone
    # would take for success; her row lists the writers, a row without that list fails.
    row = Row("orgs:member-leave", {}, method="POST", kwargs=lambda p: {"org_slug": p.org.slug})
    with transaction.atomic():
        status, location, wrote = _request(Client(), row, personas, personas.alice)
        transaction.set_rollback(True)

    assert (status, wrote) == (302, False)
    assert row.expected_writers({"alice": (status, location)}) == ["alice"]
