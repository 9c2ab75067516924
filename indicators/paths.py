"""Where the project's bundled data lives."""

from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_DIR / "data"
METHODOLOGY_DIR = DATA_DIR / "methodology"
BUNDLE_DIR = DATA_DIR / "bundled"  # built by scripts/build_bundle.py (data/bundled/README.md)
