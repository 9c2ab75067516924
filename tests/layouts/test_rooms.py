"""The Dash side's rooms, like the core's (tests/unit/test_rooms.py): views are plain data (no dash or plotly, no page,
callback or figure), pages draw (no other page, no callback), callbacks wire (no page but their own)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import PROJECT_DIR

LAYOUTS = PROJECT_DIR / "layouts"
DRAWING = ("dash", "dash_ag_grid", "plotly")
NOT_FOR_VIEWS = ("layouts.pages", "layouts.callbacks", "layouts.figures", "layouts.components", "layouts.render", "layouts.shell")
PAGE_LINES = 300


def modules(room: str) -> dict[str, Path]:
    """'layouts.<room>.<module>' → its file, for every module of a room (its __init__ left out)."""
    return {f"layouts.{room}.{path.stem}": path for path in sorted((LAYOUTS / room).glob("*.py")) if path.stem != "__init__"}


def imported(path: Path) -> set[str]:
    """Every module a file imports, anywhere in it: `from layouts.pages import data` counts as layouts.pages.data."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def in_room(name: str, room: str) -> bool:
    return name.startswith(f"layouts.{room}.")


def test_views_import_no_dash_or_plotly_and_no_page_callback_or_figure():
    wrong = [
        f"{name} imports {target}"
        for name, path in modules("views").items()
        for target in imported(path)
        if target.split(".")[0] in DRAWING or target.startswith(NOT_FOR_VIEWS)
    ]
    assert wrong == []


def test_importing_every_view_loads_no_dash_or_plotly():
    code = (
        "import importlib, sys\n"
        f"for name in {sorted(modules('views'))!r}: importlib.import_module(name)\n"
        f"print(','.join(sorted(n for n in sys.modules if n.split('.')[0] in {DRAWING!r})))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_DIR, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
    assert len(modules("views")) >= 8


def test_no_page_imports_another_page_or_a_callback():
    pages = modules("pages")
    wrong = [
        f"{name} imports {target}"
        for name, path in pages.items()
        for target in imported(path)
        if (target in pages and target != name) or in_room(target, "callbacks")
    ]
    assert wrong == []


def test_a_callback_imports_no_page_but_its_own():
    pages = modules("pages")
    wrong = [
        f"{name} imports {target}"
        for name, path in modules("callbacks").items()
        for target in imported(path)
        if target in pages and target != name.replace(".callbacks.", ".pages.")
    ]
    assert wrong == []
    assert set(modules("views")) >= {name.replace(".pages.", ".views.") for name in pages}  # one view per page


def test_every_page_module_is_short():
    long = {
        name: lines
        for name, path in modules("pages").items()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) >= PAGE_LINES
    }
    assert long == {}


def test_every_room_of_the_dash_side_says_what_it_is_for():
    for room in ("views", "pages", "callbacks", "figures"):
        doc = ast.get_docstring(ast.parse((LAYOUTS / room / "__init__.py").read_text(encoding="utf-8")))
        assert doc and len(doc.split()) >= 15, room
