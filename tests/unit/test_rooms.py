"""The core's rooms follow the pipeline: a module imports only the shared vocabulary (the top-level modules), its own
room, and the rooms to its left in ROOMS. The store is the ground floor: ingest writes into it, every later room
reads from it."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import PROJECT_DIR

CORE = PROJECT_DIR / "indicators"
ROOMS = ("store", "ingest", "method", "outlook", "report", "cli")
VOCABULARY = {"tidy", "catalogue", "questionnaire", "i18n", "paths", "entities"}


def room_of(module: str) -> str:
    """'indicators.method.scoring' → 'method'; a top-level module → 'top'."""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in ROOMS) else "top"


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {n for n in names if n == "indicators" or n.startswith("indicators.")}


def core_modules() -> dict[str, Path]:
    modules = {}
    for path in CORE.rglob("*.py"):
        parts = path.relative_to(PROJECT_DIR).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def test_every_core_module_lives_in_a_room_or_is_shared_vocabulary():
    top = {name.split(".")[1] for name in core_modules() if name.count(".") == 1 and room_of(name) == "top"}
    assert top == VOCABULARY | {"__main__"}


def test_imports_go_down_the_pipeline_never_back_up():
    wrong = []
    for name, path in core_modules().items():
        room = room_of(name)
        allowed = {"top", room} | set(ROOMS[: ROOMS.index(room)] if room in ROOMS else ROOMS if name == "indicators.__main__" else ())
        for target in imported_modules(path):
            if target == "indicators" or room_of(target) not in allowed:
                wrong.append(f"{name} ({room}) imports {target} ({room_of(target)})")
    assert wrong == []


def test_every_room_says_what_it_is_for():
    for room in ROOMS:
        doc = ast.get_docstring(ast.parse((CORE / room / "__init__.py").read_text(encoding="utf-8")))
        assert doc and len(doc.split()) >= 15, room
