"""Every audit event is declared once, in its domain's events.py, and recorded through it."""

import ast
import importlib
import re
from pathlib import Path

import pytest

from outsourcer.audit.actions import action_label, action_labels
from outsourcer.audit.events import Action

APP_ROOT = Path(__file__).resolve().parents[2]
DOMAINS = ("accounts", "contractors", "budgets", "contracts")


def _app_modules():
    for path in sorted(APP_ROOT.rglob("*.py")):
        parts = path.relative_to(APP_ROOT).parts
        if "tests" in parts or "migrations" in parts or parts[0] == "testing":
            continue
        yield path


def _declared(domain: str) -> dict[str, Action]:
    module = importlib.import_module(f"outsourcer.{domain}.events")
    return {name: value for name, value in vars(module).items() if isinstance(value, Action)}


def test_app_code_records_events_only_with_a_declared_action():
    literal_calls = []
    for path in _app_modules():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "event_record":
                action = next((kw.value for kw in node.keywords if kw.arg == "action"), None)
                if isinstance(action, ast.Constant):
                    literal_calls.append(f"{path.name}:{node.lineno}")
    assert literal_calls == []


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_declared_action_is_recorded_somewhere(domain):
    source = "\n".join(path.read_text() for path in _app_modules() if path.name != "events.py")
    unused = [name for name in _declared(domain) if not re.search(rf"\bevents\.{name}\b", source)]
    assert unused == []


@pytest.mark.parametrize("domain", DOMAINS)
def test_actions_are_named_entity_then_past_participle_and_labelled(domain):
    for name, declared in _declared(domain).items():
        assert declared.name == name.lower()
        # Regular participles end in -ed; "sent" and "reset" are the irregular ones in use.
        assert re.fullmatch(r"[a-z]+(_[a-z]+)*_([a-z]+(ed|ent)|reset)(_[a-z_]+)?", declared.name), declared.name
        assert action_label(declared.name) == declared.label


def test_an_undeclared_action_reads_as_its_words():
    assert "budget_threshold_crossed" not in action_labels()
    assert action_label("budget_threshold_crossed") == "budget threshold crossed"
