"""The command line, `python -m indicators COMMAND`: the parser (`main`) and one module per command family:
`data` (import, template, history, diff, rollback, export, published), `method` (score), `outlook` (whatif)
and `report`. Every failure is a one-line message and an exit code; a user never sees a traceback.

Exports: `main`.
"""

from indicators.cli.main import main

__all__ = ["main"]
