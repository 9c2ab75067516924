import subprocess
import sys

from tests.conftest import PROJECT_DIR


def test_the_core_never_imports_dash_or_plotly():
    code = (
        "import sys, pkgutil, importlib, indicators\n"
        "names = [m.name for m in pkgutil.walk_packages(indicators.__path__, 'indicators.') if not m.name.endswith('__main__')]\n"
        "for name in names: importlib.import_module(name)\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in ('dash', 'plotly'))\n"
        "print(len(names), ','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_DIR, capture_output=True, text=True, check=True)
    count, bad = out.stdout.strip().partition(" ")[::2]
    assert bad == ""
    assert int(count) >= 40
