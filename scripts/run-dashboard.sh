#!/usr/bin/env bash
# Set up (if needed) and run the dashboard on the bundled data: http://127.0.0.1:8050
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python app.py "$@"
