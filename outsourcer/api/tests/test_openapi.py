"""The OpenAPI document is the contract the fuzz test checks; these keep every domain's operations honest."""

import pytest
from django.test import Client

from outsourcer.lib.text import NUL_FREE

METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture
def schema(db):
    return Client().get("/api/v1/openapi.json").json()


def _operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield f"{method.upper()} {path}", operation


def _resolve(schema, node):
    while "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = schema["components"]["schemas"][name]
    return node


def _excludes_nul(pattern: str) -> bool:
    # The shared NUL-free pattern, or an anchored pattern of explicit characters (^[A-Z]{3}$).
    if pattern == NUL_FREE:
        return True
    explicit = "[^" not in pattern and "." not in pattern.replace("\\.", "") and "\\D" not in pattern
    return pattern.startswith("^") and pattern.endswith("$") and explicit


def _loose_strings(schema, node, where, seen=None):
    """Yield every string in an input schema that may carry a NUL character."""
    seen = seen if seen is not None else set()
    if "$ref" in node:
        if node["$ref"] in seen:
            return
        seen = seen | {node["$ref"]}
        node = _resolve(schema, node)
    for key in ("anyOf", "oneOf", "allOf"):
        for option in node.get(key, []):
            yield from _loose_strings(schema, option, where, seen)
    if node.get("type") == "string" and "enum" not in node and "const" not in node:
        if not _excludes_nul(node.get("pattern", "")):
            yield where
    for name, prop in node.get("properties", {}).items():
        yield from _loose_strings(schema, prop, f"{where}.{name}", seen)
    if isinstance(node.get("items"), dict):
        yield from _loose_strings(schema, node["items"], f"{where}[]", seen)
    if isinstance(node.get("additionalProperties"), dict):
        yield from _loose_strings(schema, node["additionalProperties"], f"{where}{{}}", seen)


def test_it_serves_the_schema_to_anyone(db):
    response = Client().get("/api/v1/openapi.json")

    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Outsourcer API"


def test_it_shows_the_interactive_docs_to_signed_in_users_only(personas, login_as):
    assert Client().get("/api/v1/docs").status_code == 302

    response = login_as(personas.vera).get("/api/v1/docs")

    assert response.status_code == 200
    # Served from our own static files: the CSP forbids scripts from a CDN.
    assert b"cdn." not in response.content
    assert b"/static/ninja/swagger-ui-bundle.js" in response.content


def test_every_operation_requires_authentication(schema):
    public = [name for name, operation in _operations(schema) if not operation.get("security")]
    assert public == []


def test_every_operation_documents_the_errors_it_can_answer(schema):
    missing = {}
    for name, operation in _operations(schema):
        expected = {"401", "403", "404", "422"} | ({"400"} if "requestBody" in operation else set())
        if expected - set(operation["responses"]):
            missing[name] = sorted(expected - set(operation["responses"]))
    assert missing == {}, "declare responses with outsourcer.api.errors.with_errors(...)"


def test_every_error_response_uses_the_error_body(schema):
    wrong = [
        f"{name} {status}"
        for name, operation in _operations(schema)
        for status, response in operation["responses"].items()
        if status >= "400"
        and response["content"]["application/json"]["schema"] != {"$ref": "#/components/schemas/ErrorOut"}
    ]
    assert wrong == []


def test_every_string_input_rejects_nul_characters(schema):
    # PostgreSQL cannot store NUL: every string a client sends must use outsourcer.api.schemas.Text.
    loose = []
    for name, operation in _operations(schema):
        for parameter in operation.get("parameters", []):
            loose += _loose_strings(schema, parameter["schema"], f"{name} ?{parameter['name']}")
        body = operation.get("requestBody", {}).get("content", {}).get("application/json")
        if body:
            loose += _loose_strings(schema, body["schema"], f"{name} body")
    assert loose == []
