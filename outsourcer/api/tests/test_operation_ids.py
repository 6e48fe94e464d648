"""A client generated from /api/v1/openapi.json names its functions after the operation ids: they
are the project's names (`contract_list`, `budget_get`), stable, and never a module path."""

import re

import pytest
from django.test import Client

METHODS = {"get", "post", "put", "patch", "delete"}
VERBS = "|".join(
    "list get create update delete activate complete end accept approve reject reverse change "
    "reschedule cancel submit withdraw request mark_read award send answer decline ask start".split()
)
OPERATION_ID = re.compile(rf"^[a-z]+(_[a-z]+)*_({VERBS})(_bulk)?$")


@pytest.fixture
def operation_ids(db) -> list[str]:
    schema = Client().get("/api/v1/openapi.json").json()
    return [
        operation["operationId"]
        for item in schema["paths"].values()
        for method, operation in item.items()
        if method in METHODS
    ]


def test_every_operation_is_named_entity_then_verb(operation_ids):
    assert operation_ids
    assert [name for name in operation_ids if not OPERATION_ID.match(name)] == []


def test_operation_ids_are_unique(operation_ids):
    assert len(operation_ids) == len(set(operation_ids))


def test_no_operation_id_names_a_module(operation_ids):
    assert [name for name in operation_ids if "outsourcer" in name or "_api_" in name] == []


def test_the_names_clients_already_use_stay(operation_ids):
    assert {"contract_list", "budget_get", "time_entry_approve", "portal_time_entry_create"} <= set(operation_ids)
