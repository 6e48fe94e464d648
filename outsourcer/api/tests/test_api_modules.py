"""Endpoints are thin: every write goes through a service (STYLE.md), never straight to the ORM."""

import ast
from pathlib import Path

import outsourcer

INSTANCE_WRITES = {"save", "delete"}
QUERYSET_WRITES = {"create", "bulk_create", "update", "bulk_update", "get_or_create", "update_or_create", "delete"}
QUERYSET_MARKERS = {"objects", "_default_manager", "filter", "exclude", "all", "select_for_update"}


def _chain(node: ast.expr) -> set[str]:
    names = set()
    while isinstance(node, (ast.Attribute, ast.Call)):
        if isinstance(node, ast.Attribute):
            names.add(node.attr)
            node = node.value
        else:
            node = node.func
    return names


def test_no_api_module_writes_to_the_database_itself():
    offenders = []
    for path in sorted(Path(outsourcer.__file__).parent.glob("*/api.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            method, receiver = node.func.attr, _chain(node.func.value)
            if method in INSTANCE_WRITES or (method in QUERYSET_WRITES and receiver & QUERYSET_MARKERS):
                offenders.append(f"{path.parent.name}/api.py:{node.lineno} .{method}()")
    assert offenders == [], "call the domain's service instead"
