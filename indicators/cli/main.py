"""Command line: `python -m indicators COMMAND ...`. Every failure is a clear message and a non-zero exit."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from indicators.cli import accounts, data, method, nowcast, outlook, report
from indicators.cli.common import EXIT_INTERNAL, CommandError
from indicators.cli.words import word
from indicators.report import ChartRenderer

COMMAND_FAMILIES = (method, data, outlook, nowcast, report, accounts)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m indicators",
        description="E-government readiness for Cambodia: score and read UN DESA E-Government Survey data.",
    )
    parser.add_argument(
        "--lang", choices=["en", "km"], default=os.environ.get("EGDI_LANG", "en"), help="language of problem messages (default: en)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    with_lang = argparse.ArgumentParser(add_help=False)
    with_lang.add_argument("--lang", choices=["en", "km"], default=argparse.SUPPRESS, help="language of problem messages (default: en)")
    for family in COMMAND_FAMILIES:
        family.add_commands(commands, with_lang)
    return parser


def main(argv: Sequence[str] | None = None, *, chart_renderer: ChartRenderer | None = None) -> int:
    """Run a command. `chart_renderer` draws the charts of PDF briefs and chart images (the core draws nothing:
    `indicators/__main__.py` passes the dashboard's renderer); without it those formats are refused with a message."""
    parser = build_parser()
    args = parser.parse_args(argv)
    args.chart_renderer = chart_renderer
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except CommandError as exc:
        print(word("error_prefix", getattr(args, "lang", "en"), message=exc.text(getattr(args, "lang", "en"))), file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: say so plainly, without a traceback unless asked for
        if os.environ.get("EGDI_DEBUG"):
            raise
        print(
            f"internal error ({type(exc).__name__}: {exc}). Run again with EGDI_DEBUG=1 for details, and please report it.", file=sys.stderr
        )
        return EXIT_INTERNAL
