"""What every command shares: the error that becomes a message and an exit code, and the steps most commands take
(report problems, check and write the output file, load a method, open the store)."""

from __future__ import annotations

import argparse
import sys

import pandas as pd

from indicators.cli.words import issue_lines, word
from indicators.ingest.imports import open_seeded_store
from indicators.ingest.issues import Issue, has_errors, render_summary
from indicators.method.methodology import Methodology, MethodologyError, load_methodology
from indicators.report.writers import TABLE_SUFFIXES, with_attribution, write_table
from indicators.store import Store, StoreError

EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3

Subcommands = argparse._SubParsersAction  # what `ArgumentParser.add_subparsers()` returns


class CommandError(Exception):
    """A failure to report to the user as a message, with the exit code to use; `km` is the message in Khmer
    where it has one (`--lang km`)."""

    def __init__(self, message: str, code: int = EXIT_REFUSED, km: str | None = None):
        super().__init__(message)
        self.code = code
        self.km = km

    def text(self, lang: str) -> str:
        return self.km if lang == "km" and self.km else str(self)


def refused_error(key: str, code: int = EXIT_REFUSED, **params: object) -> CommandError:
    """The last line of a refused command, in both languages (`indicators.cli.words`)."""
    return CommandError(word(key, "en", **params), code, km=word(key, "km", **params))


def report_issues(issues: list[Issue], lang: str, every: bool = True) -> None:
    """Print the issues: every one (`every`), else repeated ones grouped with their count and first places;
    to stderr when any is an error."""
    if issues:
        stream = sys.stderr if has_errors(issues) else sys.stdout
        print(issue_lines(issues, lang) if every else render_summary(issues, lang), file=stream)


def check_output(path: str) -> None:
    if not path.casefold().endswith(TABLE_SUFFIXES):
        raise CommandError(f"--output {path}: the file name must end in .csv or .xlsx", EXIT_USAGE)


def write_output(frame: pd.DataFrame, path: str, attribute: bool = False) -> None:
    """Write `frame`; `attribute`: with the attribution column of the bundled sources (a table that holds their data)."""
    try:
        write_table(with_attribution(frame) if attribute else frame, path)
    except OSError as exc:
        raise CommandError(f"cannot write {path}: {exc.strerror or exc}") from exc
    print(f"Wrote {len(frame)} rows to {path}")


def methodology_or_error(edition: str) -> Methodology:
    try:
        return load_methodology(edition)
    except MethodologyError as exc:
        raise CommandError("; ".join(exc.problems) + f" ({exc.path})", EXIT_USAGE) from exc


def open_store_or_error(args: argparse.Namespace) -> Store:
    try:
        return open_seeded_store(args.db)
    except StoreError as exc:
        raise CommandError(str(exc)) from exc


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        default=None,
        help="database: an SQLite file path or a URL such as postgresql+psycopg://user@host/db "
        "(default: $EGDI_DATABASE_URL, else var/egdi.sqlite in the project)",
    )
