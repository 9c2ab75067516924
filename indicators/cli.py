"""Command line: `python -m indicators COMMAND ...`. Every failure is a clear message and a non-zero exit."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

import pandas as pd

from indicators.issues import Issue, Location, has_errors, make_issue, render_issues
from indicators.long_format import read_long
from indicators.methodology import MethodologyError, available_editions, load_methodology
from indicators.published import published_table, read_published
from indicators.scoring import RESULT_COLUMNS, score
from indicators.tidy import latest_values
from indicators.writers import TABLE_SUFFIXES, write_table

EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


class CommandError(Exception):
    """A failure to report to the user as a message, with the exit code to use."""

    def __init__(self, message: str, code: int = EXIT_REFUSED):
        super().__init__(message)
        self.code = code


def _report(issues: list[Issue], lang: str) -> None:
    if issues:
        stream = sys.stderr if has_errors(issues) else sys.stdout
        print(render_issues(issues, lang), file=stream)


def _check_output(path: str) -> None:
    if not path.casefold().endswith(TABLE_SUFFIXES):
        raise CommandError(f"--output {path}: the file name must end in .csv or .xlsx", EXIT_USAGE)


def _write(frame: pd.DataFrame, path: str) -> None:
    try:
        write_table(frame, path)
    except OSError as exc:
        raise CommandError(f"cannot write {path}: {exc.strerror or exc}") from exc
    print(f"Wrote {len(frame)} rows to {path}")


def _methodology(edition: str):  # type: ignore[no-untyped-def]
    try:
        return load_methodology(edition)
    except MethodologyError as exc:
        raise CommandError("; ".join(exc.problems) + f" ({exc.path})", EXIT_USAGE) from exc


def cmd_score(args: argparse.Namespace) -> int:
    _check_output(args.output)
    methodology = _methodology(args.edition)
    loaded = read_long(args.input)
    _report(loaded.issues, args.lang)
    if not loaded.ok:
        raise CommandError(f"{args.input}: refused, see the problems above; nothing was scored.")
    data = latest_values(loaded.tidy, args.year)
    codes = methodology.input_codes()
    if not data["indicator"].isin(codes).any():
        issue = make_issue("error", "no_scorable_data", Location(loaded.file), edition=methodology.edition, codes=", ".join(codes))
        raise CommandError(issue.message_km if args.lang == "km" else issue.message)
    result = score(data, methodology)
    _write(result.entities[RESULT_COLUMNS], args.output)
    return 0


def cmd_published(args: argparse.Namespace) -> int:
    _check_output(args.output)
    results = [read_published(path) for path in args.files]
    for result in results:
        _report(result.issues, args.lang)
    refused = [r.file for r in results if not r.ok]
    if refused:
        raise CommandError(f"refused: {', '.join(refused)}; see the problems above; nothing was written.")
    tidy = pd.concat([r.tidy for r in results], ignore_index=True)
    duplicated = tidy.duplicated(["entity", "year", "indicator"])
    if duplicated.any():
        tidy = tidy[~duplicated]
        print(f"Note: {int(duplicated.sum())} values appear in more than one file; the first file's are used.")
    _write(published_table(tidy), args.output)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m indicators",
        description="E-government readiness for Cambodia: score and read UN DESA E-Government Survey data.",
    )
    parser.add_argument(
        "--lang", choices=["en", "km"], default=os.environ.get("EGDI_LANG", "en"), help="language of problem messages (default: en)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = commands.add_parser(
        "score",
        help="score entities from a tidy indicator file with one edition's UN DESA method",
        description="Score every entity of INPUT (a tidy CSV or XLSX with columns entity, indicator, value and an "
        "optional year) with the method of edition E. OUT gets one row per entity: entity, tii, hci, osi, epi, "
        "egdi, rank, group, rating_class, flags. Missing components are never imputed (see flags).",
    )
    p.add_argument("input", metavar="INPUT", help="tidy CSV or XLSX file")
    p.add_argument(
        "--edition",
        required=True,
        metavar="E",
        help=f"survey edition ({', '.join(map(str, available_editions()))}) or a methodology id such as kh-provinces-2022",
    )
    p.add_argument("--output", required=True, metavar="OUT", help="output file, .csv or .xlsx")
    p.add_argument("--year", type=int, metavar="Y", help="use each entity's latest value up to year Y (default: latest of all)")
    p.set_defaults(run=cmd_score)

    p = commands.add_parser(
        "published",
        help="read UN DESA published results and recompute EGDI, rank, group and rating class",
        description="Read UN DESA E-Government Survey results (Data Center CSV or XLSX exports, any edition). OUT "
        "has edition, iso3, country, egdi (as published), egdi_computed (mean of OSI, TII, HCI), osi, tii, hci, "
        "epi, rank (computed from the published EGDI), rank_published, group, rating_class.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="published results file(s), .csv or .xlsx")
    p.add_argument("--output", required=True, metavar="OUT", help="output file, .csv or .xlsx")
    p.set_defaults(run=cmd_published)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except CommandError as exc:
        print(f"error: {exc}", file=sys.stderr)
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
