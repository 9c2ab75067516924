"""Command line: `python -m indicators COMMAND ...`. Every failure is a clear message and a non-zero exit."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from indicators.cli.whatif import WhatIfError, load_input, parse_settings, run_whatif, scenario_rows
from indicators.ingest.imports import import_files, open_seeded_store, stored_published, stored_scores
from indicators.ingest.issues import Issue, Location, has_errors, make_issue, render_issues
from indicators.ingest.long_format import read_long
from indicators.ingest.published import published_table, read_published
from indicators.ingest.template import write_template
from indicators.method.methodology import Methodology, MethodologyError, available_editions, load_methodology
from indicators.method.scoring import RESULT_COLUMNS, score
from indicators.report import (
    ChartRenderer,
    ChartRenderError,
    ReportContent,
    ReportError,
    brief_with_charts,
    build_workbook,
    gather,
    table_csv,
)
from indicators.report import tables as report_tables
from indicators.report.writers import TABLE_SUFFIXES, write_table
from indicators.store import Store, StoreError
from indicators.tidy import latest_values

EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
REPORT_FORMATS = ("xlsx", "pdf", "csv", "png", "svg")
CHART_FORMATS = ("pdf", "png", "svg")


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


def _methodology(edition: str) -> Methodology:
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


def _store(args: argparse.Namespace) -> Store:
    try:
        return open_seeded_store(args.db)
    except StoreError as exc:
        raise CommandError(str(exc)) from exc


def _print_table(frame: pd.DataFrame) -> None:
    with pd.option_context("display.max_rows", 200, "display.width", 200, "display.max_colwidth", 40):
        print(frame.to_string(index=False) if not frame.empty else "(none)")


def cmd_import(args: argparse.Namespace) -> int:
    if args.dataset and len(args.files) > 1:
        raise CommandError("--dataset names one dataset: give a single FILE with it", EXIT_USAGE)
    store = _store(args)
    try:
        results, landed = import_files(
            args.files, store, user=args.user, entity_kind=args.entities, datasets=[args.dataset] if args.dataset else None
        )
    except StoreError as exc:
        raise CommandError(f"import failed, nothing was stored: {exc}") from exc
    for item in results:
        _report(item.issues, args.lang)
    if not landed:
        refused = [Path(r.path).name for r in results if has_errors(r.issues)]
        raise CommandError(f"refused: {', '.join(refused)}; see the problems above. The store is unchanged ({store.url_for_display}).")
    for item in results:
        outcome = item.outcome
        assert outcome is not None
        name = Path(item.path).name
        if outcome.identical:
            print(f"{name}: identical to version {outcome.version_id} of {outcome.dataset}; nothing changed.")
        else:
            print(
                f"{name} ({item.loaded.format}): version {outcome.version_id} of {outcome.dataset}: "
                f"{outcome.added} added, {outcome.changed} changed, {outcome.removed} removed, {outcome.unchanged} unchanged."
            )
    print(f"Store: {store.url_for_display}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    _check_output(args.output)
    store = _store(args)
    if args.what == "published":
        frame = stored_published(store, args.edition)
    elif args.what == "observations":
        frame = store.observations()
        if args.edition is not None:
            frame = frame[frame["year"] == args.edition]
    else:
        edition = args.edition or available_editions()[-1]
        _methodology(str(edition))
        frame = stored_scores(store, edition)
        if frame.empty:
            raise CommandError(f"no component indicator data is stored to score edition {edition}; import national data first")
    _write(frame, args.output)
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    versions = _store(args).versions()
    if args.dataset:
        versions = versions[versions["dataset"] == args.dataset]
    _print_table(versions.assign(checksum=versions["checksum"].str[:12]))
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    try:
        _print_table(_store(args).diff(args.version))
    except StoreError as exc:
        raise CommandError(str(exc)) from exc
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    try:
        outcome = _store(args).rollback(args.version, user=args.user)
    except StoreError as exc:
        raise CommandError(str(exc)) from exc
    print(
        f"Rolled back version {args.version} of {outcome.dataset} as version {outcome.version_id}: "
        f"{outcome.added} restored, {outcome.changed} changed back, {outcome.removed} removed."
    )
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    if not args.output.casefold().endswith(".xlsx"):
        raise CommandError(f"{args.output}: the template is an Excel workbook; the file name must end in .xlsx", EXIT_USAGE)
    try:
        path = write_template(args.output, lang=args.template_lang, entity_kind=args.entities)
    except OSError as exc:
        raise CommandError(f"cannot write {args.output}: {exc.strerror or exc}") from exc
    print(f"Wrote the data template to {path}")
    return 0


def cmd_whatif(args: argparse.Namespace) -> int:
    _check_output(args.output)
    try:
        changes = parse_settings(args.set)
    except WhatIfError as exc:
        raise CommandError(str(exc), EXIT_USAGE) from exc
    methodology = _methodology(args.edition)
    loaded = load_input(args.input)
    _report(loaded.issues, args.lang)
    if not loaded.ok:
        raise CommandError(f"{args.input}: refused, see the problems above; nothing was computed.")
    try:
        scenario = run_whatif(loaded, methodology, methodology.edition, args.entity, changes, args.year)
    except WhatIfError as exc:
        raise CommandError(str(exc)) from exc
    _write(scenario_rows(scenario), args.output)
    return 0


def _report_format(args: argparse.Namespace) -> str:
    suffix = Path(args.output).suffix.casefold().lstrip(".")
    fmt = args.format or suffix
    if fmt not in REPORT_FORMATS:
        raise CommandError(
            f"--output {args.output}: give --format {'|'.join(REPORT_FORMATS)} or a file name ending in one of them", EXIT_USAGE
        )
    if suffix != fmt:
        raise CommandError(f"--output {args.output}: a {fmt} report needs a file name ending in .{fmt}", EXIT_USAGE)
    return fmt


def _report_bytes(content: ReportContent, fmt: str, lang: str, renderer: ChartRenderer | None) -> bytes:
    if fmt == "xlsx":
        return build_workbook(content, lang)
    if fmt == "csv":
        return table_csv(report_tables.history(content, lang))
    assert renderer is not None
    try:
        if fmt == "pdf":
            return brief_with_charts(content, lang, renderer)
        return renderer(content, lang, fmt)["trend"]
    except ChartRenderError as exc:
        raise CommandError(f"cannot draw the charts: {exc}") from exc


def cmd_report(args: argparse.Namespace) -> int:
    fmt = _report_format(args)
    renderer: ChartRenderer | None = getattr(args, "chart_renderer", None)
    if fmt in CHART_FORMATS and renderer is None:
        raise CommandError(
            f"a {fmt} report needs chart rendering, which this entry point does not provide: run `python -m indicators report ...`",
            EXIT_USAGE,
        )
    store = _store(args)
    try:
        content = gather(store, args.entity, args.edition)
    except ReportError as exc:
        raise CommandError(exc.message(args.lang), EXIT_USAGE if exc.key.startswith("unknown_entity") else EXIT_REFUSED) from exc
    data = _report_bytes(content, fmt, args.lang, renderer)
    try:
        path = Path(args.output)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        raise CommandError(f"cannot write {args.output}: {exc.strerror or exc}") from exc
    print(f"Wrote the {fmt} report on {content.name_en}, edition {content.edition} ({args.lang}), to {args.output}")
    return 0


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        default=None,
        help="database: an SQLite file path or a URL such as postgresql+psycopg://user@host/db "
        "(default: $EGDI_DATABASE_URL, else var/egdi.sqlite in the project)",
    )


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

    p = commands.add_parser(
        "score",
        parents=[with_lang],
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
        parents=[with_lang],
        help="read UN DESA published results and recompute EGDI, rank, group and rating class",
        description="Read UN DESA E-Government Survey results (Data Center CSV or XLSX exports, any edition). OUT "
        "has edition, iso3, country, egdi (as published), egdi_computed (mean of OSI, TII, HCI), osi, tii, hci, "
        "epi, rank (computed from the published EGDI), rank_published, group, rating_class.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="published results file(s), .csv or .xlsx")
    p.add_argument("--output", required=True, metavar="OUT", help="output file, .csv or .xlsx")
    p.set_defaults(run=cmd_published)

    p = commands.add_parser(
        "import",
        parents=[with_lang],
        help="validate files and store them as new dataset versions",
        description="Validate every FILE (UN published results, the national data template, long tables with entity, year, "
        "indicator, value, or wide year-column tables), then store each as a new version of its dataset. When any file has an "
        "error, nothing is stored and the problems are listed with file, sheet, row and column.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="files to import (.csv or .xlsx)")
    _add_db(p)
    p.add_argument("--dataset", metavar="NAME", help="dataset name for a single file (default: derived from the file)")
    p.add_argument("--entities", choices=["auto", "country", "province"], default="auto", help="what the entity names are (default: auto)")
    p.add_argument("--user", default="cli", help="who imports, recorded in the history (default: cli)")
    p.set_defaults(run=cmd_import)

    p = commands.add_parser(
        "export",
        parents=[with_lang],
        help="write stored published results, observations or scores to CSV or XLSX",
        description="published: the same columns as the `published` command; observations: every stored value with its "
        "provenance (version, file, sheet, row, column); scores: the stored component data scored with edition E's method.",
    )
    p.add_argument("what", choices=["published", "observations", "scores"])
    p.add_argument("--output", required=True, metavar="OUT", help="output file, .csv or .xlsx")
    p.add_argument(
        "--edition",
        type=int,
        metavar="E",
        help="survey edition (published, observations: filter; scores: method, default latest)",
    )
    _add_db(p)
    p.set_defaults(run=cmd_export)

    p = commands.add_parser(
        "history",
        parents=[with_lang],
        help="list dataset versions, newest first",
        description="List every dataset version: who, when, file, checksum and counts.",
    )
    p.add_argument("--dataset", metavar="NAME", help="only this dataset")
    _add_db(p)
    p.set_defaults(run=cmd_history)

    p = commands.add_parser(
        "diff",
        parents=[with_lang],
        help="show what a version added, changed and removed",
        description="Show the values a version added, changed or removed.",
    )
    p.add_argument("version", type=int, metavar="VERSION")
    _add_db(p)
    p.set_defaults(run=cmd_diff)

    p = commands.add_parser(
        "rollback",
        parents=[with_lang],
        help="undo a version (and any later versions of its dataset)",
        description="Restore a dataset to its state just before VERSION. The rollback is recorded as a new version, "
        "so it can be undone too.",
    )
    p.add_argument("version", type=int, metavar="VERSION")
    p.add_argument("--user", default="cli", help="who rolls back, recorded in the history (default: cli)")
    _add_db(p)
    p.set_defaults(run=cmd_rollback)

    p = commands.add_parser(
        "whatif",
        parents=[with_lang],
        help="re-score the whole field with one entity's inputs changed",
        description="Change one entity's inputs and re-score the whole field with edition E's method (a full "
        "re-normalisation). INPUT is a tidy components file (codes as for `score`) or UN published results (codes osi, "
        "tii, hci; the rank is taken against the other countries' published EGDI). OUT has one row per scenario "
        "(baseline, whatif): scenario, entity, tii, hci, osi, egdi, rank, group, rating_class, flags.",
    )
    p.add_argument("input", metavar="INPUT", help="tidy components file or UN published results (.csv or .xlsx)")
    p.add_argument("--edition", required=True, metavar="E", help="survey edition whose method and results to use")
    p.add_argument("--entity", required=True, metavar="X", help="the entity to change (as written in INPUT, or a country name or ISO3)")
    p.add_argument("--set", action="append", default=[], metavar="CODE=VALUE", help="a new value, e.g. internet_users_pct=80 (repeatable)")
    p.add_argument("--output", required=True, metavar="OUT", help="output file, .csv or .xlsx")
    p.add_argument("--year", type=int, metavar="Y", help="components: each entity's latest value up to year Y")
    p.set_defaults(run=cmd_whatif)

    p = commands.add_parser(
        "report",
        parents=[with_lang],
        help="write a report on one country: Excel workbook, PDF brief, CSV table or chart image",
        description="Write a report on one country and survey edition from the store, in English or Khmer (--lang): "
        "xlsx, the Excel workbook (cover, summary, sub-indices by edition, components, ASEAN peers, targets, sources and "
        "method, with native charts); pdf, the ministerial brief (headline figures, key messages, charts, peers, targets, "
        "sources); csv, the sub-indices by edition; png or svg, the trend chart.",
    )
    p.add_argument("--entity", required=True, metavar="ISO3", help="the country: ISO3 code (KHM) or name")
    p.add_argument("--format", choices=REPORT_FORMATS, help="what to write (default: from the --output suffix)")
    p.add_argument("--edition", type=int, metavar="E", help="survey edition (default: the country's latest)")
    p.add_argument("--output", required=True, metavar="FILE", help="output file, ending in .xlsx, .pdf, .csv, .png or .svg")
    _add_db(p)
    p.set_defaults(run=cmd_report)

    p = commands.add_parser(
        "template",
        help="write the national data template (.xlsx) to fill in and import",
        description="Write an Excel workbook with instructions in Khmer and English, one sheet per domain (online services, "
        "telecom infrastructure, human capital, e-participation) with checked cells, and a Sources sheet.",
    )
    p.add_argument("output", metavar="OUT.xlsx")
    p.add_argument("--lang", dest="template_lang", choices=["en", "km"], default="en", help="language of headers and labels (default: en)")
    p.add_argument(
        "--entities", choices=["country", "province"], default="country", help="countries or Cambodia's provinces (default: country)"
    )
    p.set_defaults(run=cmd_template)
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
