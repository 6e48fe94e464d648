#!/usr/bin/env python3
"""What lint-imports cannot check about the one-way rule (docs/architecture.md); run by `make lint`.

1. No private name crosses apps: `from outsourcer.<app>… import _name` (or a `_module` in the
   path) from another app, or from config/, bench/ and tests/, fails.
2. Every module of outsourcer/ (tests and migrations aside) is either a core listed in the
   import-linter layers contract of pyproject.toml or a face named by its forbidden contract,
   so a new module cannot slip past both contracts unchecked.
3. The layers contract and the faces contract name the same cores.

Exit status 1 with one line per problem; 0 and no output when all holds.
"""

import ast
import fnmatch
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "outsourcer"
# Outside every app: code here may use apps' public names only.
OTHER_SOURCES = ("config", "bench", "tests", "conftest.py")


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def app_of(module: str) -> str:
    """`outsourcer.budgets.jobs` → `budgets`; anything outside the package → ""."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == PACKAGE else ""


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def python_files(root: Path) -> Iterator[Path]:
    for top in (PACKAGE, *OTHER_SOURCES):
        path = root / top
        if path.is_file():
            yield path
        elif path.is_dir():
            yield from sorted(p for p in path.rglob("*.py") if ".venv" not in p.parts)


def private_imports(root: Path) -> list[str]:
    """`file:line: imports _name from another app` for every private name crossing an app border."""
    problems = []
    for path in python_files(root):
        importer_app = app_of(module_name(path, root))
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                targets = [(node.module, [alias.name for alias in node.names])]
            elif isinstance(node, ast.Import):
                targets = [(alias.name, []) for alias in node.names]
            else:
                continue
            for target, names in targets:
                target_app = app_of(target)
                if not target_app or target_app == importer_app:
                    continue
                private = [part for part in target.split(".") if _is_private(part)]
                private += [name for name in names if _is_private(name)]
                if private:
                    where = path.relative_to(root)
                    problems.append(f"{where}:{node.lineno}: imports {', '.join(private)} from {target} (another app)")
    return problems


def contracts(root: Path) -> tuple[list[str], list[str], list[str]]:
    """(core modules of the layers contract, source modules and forbidden modules of the faces one)."""
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    by_id = {contract["id"]: contract for contract in config["contracts"]}
    layers = [name.strip(" ()") for layer in by_id["cores"]["layers"] for name in layer.replace("|", ":").split(":")]
    return layers, by_id["faces"]["source_modules"], by_id["faces"]["forbidden_modules"]


def _within(module: str, pattern: str) -> bool:
    """`module` is `pattern` (import-linter's whole-segment `*` wildcards) or inside it."""
    parts, pattern_parts = module.split("."), pattern.split(".")
    return len(parts) >= len(pattern_parts) and all(
        fnmatch.fnmatchcase(part, wanted) for part, wanted in zip(parts, pattern_parts, strict=False)
    )


def unclassified_modules(root: Path) -> list[str]:
    cores, sources, faces = contracts(root)
    problems = []
    if sorted(cores) != sorted(sources):
        only_layers, only_faces = sorted(set(cores) - set(sources)), sorted(set(sources) - set(cores))
        problems.append(
            f"pyproject.toml: the cores of the layers and faces contracts differ: {only_layers} vs {only_faces}"
        )
    for path in sorted((root / PACKAGE).rglob("*.py")):
        module = module_name(path, root)
        parts = module.split(".")
        if len(parts) <= 2 or "tests" in parts or "migrations" in parts:
            continue  # the package and app __init__ files, tests, migrations
        if any(_within(module, core) for core in cores) or any(_within(module, face) for face in faces):
            continue
        problems.append(
            f"{path.relative_to(root)}: {module} is neither a core nor a face: add it to a layer of the "
            "`cores` contract and the sources of `faces` in pyproject.toml, or name it as a face"
        )
    return problems


def main() -> int:
    problems = private_imports(ROOT) + unclassified_modules(ROOT)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
