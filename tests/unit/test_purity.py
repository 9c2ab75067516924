import subprocess
import sys

from tests.conftest import PROJECT_DIR


def test_the_core_never_imports_dash_or_plotly():
    code = (
        "import sys, pkgutil, importlib, indicators\n"
        "for m in pkgutil.iter_modules(indicators.__path__):\n"
        "    if m.name != '__main__': importlib.import_module('indicators.' + m.name)\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in ('dash', 'plotly'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_DIR, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
    modules = subprocess.run(
        [sys.executable, "-c", "import pkgutil, indicators; print(len(list(pkgutil.iter_modules(indicators.__path__))))"],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    assert int(modules.stdout) >= 15
