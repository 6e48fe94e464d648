"""scripts/check_architecture.py, the half of the one-way rule that lint-imports cannot check."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("check_architecture", ROOT / "scripts" / "check_architecture.py")
check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check)

PYPROJECT = """
[[tool.importlinter.contracts]]
id = "cores"
layers = ["outsourcer.contracts.services", "outsourcer.budgets.models : outsourcer.budgets.ledger", "outsourcer.lib"]

[[tool.importlinter.contracts]]
id = "faces"
source_modules = ["outsourcer.contracts.services", "outsourcer.budgets.models", "outsourcer.budgets.ledger",
                  "outsourcer.lib"]
forbidden_modules = ["outsourcer.*.views", "outsourcer.*.management"]
"""


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def test_the_project_keeps_the_rule():
    assert check.private_imports(ROOT) == []
    assert check.unclassified_modules(ROOT) == []


def test_it_finds_private_names_imported_from_another_app(tmp_path):
    root = _tree(
        tmp_path,
        {
            "outsourcer/budgets/ledger.py": (
                "from outsourcer.contracts.services import _original, contract_create\n"
                "from outsourcer.contracts.services._common import TERM_FIELDS\n"
                "from outsourcer.budgets.models import _mine\n"  # its own app: fine
                "from outsourcer.contracts import __version__\n"  # a dunder is not private
            ),
            "tests/test_x.py": "import outsourcer.budgets._internal\n",
        },
    )
    problems = check.private_imports(root)
    assert [problem.split(": ", 1)[0] for problem in problems] == [
        "outsourcer/budgets/ledger.py:1",
        "outsourcer/budgets/ledger.py:2",
        "tests/test_x.py:1",
    ]
    assert "_original from outsourcer.contracts.services" in problems[0]


def test_it_finds_a_module_that_is_neither_core_nor_face(tmp_path):
    root = _tree(
        tmp_path,
        {
            "outsourcer/budgets/models.py": "",
            "outsourcer/budgets/views.py": "",
            "outsourcer/budgets/management/commands/x.py": "",
            "outsourcer/budgets/tests/test_models.py": "",
            "outsourcer/lib/money.py": "",
            "outsourcer/budgets/forecast.py": "",
        },
    )
    [problem] = check.unclassified_modules(root)
    assert problem.startswith("outsourcer/budgets/forecast.py: outsourcer.budgets.forecast is neither")


def test_it_finds_contracts_that_name_different_cores(tmp_path):
    root = _tree(tmp_path, {})
    (root / "pyproject.toml").write_text(PYPROJECT.replace('"outsourcer.budgets.ledger",\n', "\n"))
    [problem] = check.unclassified_modules(root)
    assert "differ: ['outsourcer.budgets.ledger'] vs []" in problem
