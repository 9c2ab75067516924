"""Data commands: `import`, `template`, `history`, `diff`, `rollback`, `export`, and `published` (read UN results files)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from indicators.cli.common import (
    EXIT_USAGE,
    CommandError,
    Subcommands,
    add_db_option,
    check_output,
    methodology_or_error,
    open_store_or_error,
    refused_error,
    report_issues,
    write_output,
)
from indicators.ingest.describe import describe
from indicators.ingest.folders import expand_folders
from indicators.ingest.imports import import_files
from indicators.ingest.issues import has_errors
from indicators.ingest.published import read_published
from indicators.ingest.result import LoadOptions
from indicators.ingest.template import write_template
from indicators.method.methodology import available_editions
from indicators.method.results import published_table
from indicators.method.standing import WORLD_MINIMUM, complete_editions, honest_published
from indicators.method.stored import stored_published, stored_scores
from indicators.store import StoreError


def cmd_published(args: argparse.Namespace) -> int:
    check_output(args.output)
    results = [read_published(path, options=LoadOptions(edition=args.edition)) for path in args.files]
    for result in results:
        report_issues(result.issues, args.lang, every=args.all)
    refused = [r.file for r in results if not r.ok]
    if refused:
        raise refused_error("validate_refused", files=", ".join(refused))
    tidy = pd.concat([r.tidy for r in results], ignore_index=True)
    duplicated = tidy.duplicated(["entity", "year", "indicator"])
    if duplicated.any():
        tidy = tidy[~duplicated]
        print(f"Note: {int(duplicated.sum())} values appear in more than one file; the first file's are used.")
    write_output(published_table(tidy), args.output)
    return 0


def print_table(frame: pd.DataFrame) -> None:
    with pd.option_context("display.max_rows", 200, "display.width", 200, "display.max_colwidth", 40):
        print(frame.to_string(index=False) if not frame.empty else "(none)")


def cmd_import(args: argparse.Namespace) -> int:
    if args.dataset and (len(args.files) > 1 or Path(args.files[0]).is_dir()):
        raise CommandError("--dataset names one dataset: give a single FILE with it", EXIT_USAGE)
    options = LoadOptions(entity_kind=args.entities, indicator=args.indicator, edition=args.edition, year=args.year)
    store = open_store_or_error(args)
    try:
        results, landed = import_files(
            args.files, store, user=args.user, datasets=[args.dataset] if args.dataset else None, options=options
        )
    except StoreError as exc:
        raise CommandError(f"import failed, nothing was stored: {exc}") from exc
    report_issues(expand_folders(args.files)[1], args.lang)
    for item in results:
        print(f"{Path(item.path).name}: {describe(item.loaded, args.lang)}")
        report_issues(item.issues, args.lang, every=args.all)
    if not landed:
        refused = [Path(r.path).name for r in results if has_errors(r.issues)]
        raise refused_error("import_refused", files=", ".join(refused), store=store.url_for_display)
    for item in results:
        outcome = item.outcome
        name = Path(item.path).name
        if outcome is None:
            print(f"{name}: set aside, nothing in it is used (see the warning above).")
        elif outcome.identical:
            print(f"{name}: identical to version {outcome.version_id} of {outcome.dataset}; nothing changed.")
        else:
            print(
                f"{name} ({item.loaded.format}): version {outcome.version_id} of {outcome.dataset}: "
                f"{outcome.added} added, {outcome.changed} changed, {outcome.removed} removed, {outcome.unchanged} unchanged."
            )
    print(f"Store: {store.url_for_display}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    check_output(args.output)
    store = open_store_or_error(args)
    if args.what == "published":
        frame = honest_published(stored_published(store, args.edition))
        partial = sorted(set(frame.loc[~complete_editions(frame), "edition"])) if not frame.empty else []
        if partial:
            print(
                f"Note: editions {', '.join(map(str, partial))} hold fewer than {WORLD_MINIMUM} countries in the store: "
                "their rank is the UN's published world rank and their rating class is left empty."
            )
    elif args.what == "observations":
        frame = store.observations()
        if args.edition is not None:
            frame = frame[frame["year"] == args.edition]
    else:
        edition = args.edition or available_editions()[-1]
        methodology_or_error(str(edition))
        frame = stored_scores(store, edition)
        if frame.empty:
            raise CommandError(f"no component indicator data is stored to score edition {edition}; import national data first")
    write_output(frame, args.output, attribute=True)
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    versions = open_store_or_error(args).versions()
    if args.dataset:
        versions = versions[versions["dataset"] == args.dataset]
    print_table(versions.assign(checksum=versions["checksum"].str[:12]))
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    try:
        print_table(open_store_or_error(args).diff(args.version))
    except StoreError as exc:
        raise CommandError(str(exc)) from exc
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    try:
        outcome = open_store_or_error(args).rollback(args.version, user=args.user)
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


def add_commands(commands: Subcommands[argparse.ArgumentParser], with_lang: argparse.ArgumentParser) -> None:

    p = commands.add_parser(
        "published",
        parents=[with_lang],
        help="read UN DESA published results and recompute EGDI, rank, group and rating class",
        description="Read UN DESA E-Government Survey results (Data Center CSV or XLSX exports, any edition). OUT "
        "has edition, iso3, country, egdi (as published), egdi_computed (mean of OSI, TII, HCI), osi, tii, hci, "
        "epi, rank (computed from the published EGDI), rank_published, group, rating_class.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="published results file(s): UN DESA or UNU-EGOV, .csv, .xlsx or .xls")
    p.add_argument("--output", required=True, metavar="OUT", help="output file, .csv or .xlsx")
    p.add_argument("--edition", type=int, metavar="E", help="the edition of a file without a Survey Year column (default: from its name)")
    p.add_argument("--all", action="store_true", help="list every problem on its own line (default: repeated ones grouped)")
    p.set_defaults(run=cmd_published)

    p = commands.add_parser(
        "import",
        parents=[with_lang],
        help="validate files and store them as new dataset versions",
        description="Validate every FILE as downloaded (UN DESA and UNU-EGOV results, the national data template, World Bank, "
        "ITU, Data360/SDMX, UNESCO UIS, UNDP HDR and Cambodia NIS files, long and wide tables), then store each as a new "
        "version of its dataset. A FOLDER stands for every data file under it. Each file gets one line saying what was "
        "recognised. When any file has an error, nothing is stored and the problems are listed with file, sheet, row and column.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="files or folders to import (.csv, .xlsx, .xlsm, .xls, .zip)")
    add_db_option(p)
    p.add_argument("--dataset", metavar="NAME", help="dataset name for a single file (default: derived from the file)")
    p.add_argument("--entities", choices=["auto", "country", "province"], default="auto", help="what the entity names are (default: auto)")
    p.add_argument("--user", default="cli", help="who imports, recorded in the history (default: cli)")
    p.add_argument(
        "--indicator", metavar="CODE", help="the series of a table without an indicator column (a WDI code such as IT.CEL.SETS.P2, or ours)"
    )
    p.add_argument("--edition", type=int, metavar="E", help="the Survey edition of a results file without a year column (UNU-EGOV)")
    p.add_argument("--year", type=int, metavar="Y", help="the year of a table without a year column (a Cambodia NIS census table)")
    p.add_argument("--all", action="store_true", help="list every problem on its own line (default: repeated ones grouped)")
    p.set_defaults(run=cmd_import)

    p = commands.add_parser(
        "export",
        parents=[with_lang],
        help="write stored published results, observations or scores to CSV or XLSX",
        description="published: the same columns as the `published` command, with the rank and rating class computed only where "
        "the store holds the whole field of an edition (else the UN's published rank and no class); observations: every stored "
        "value with its provenance (version, file, sheet, row, column); scores: the stored component data scored with edition E's method.",
    )
    p.add_argument("what", choices=["published", "observations", "scores"])
    p.add_argument("--output", required=True, metavar="OUT", help="output file, .csv or .xlsx")
    p.add_argument(
        "--edition",
        type=int,
        metavar="E",
        help="survey edition (published, observations: filter; scores: method, default latest)",
    )
    add_db_option(p)
    p.set_defaults(run=cmd_export)

    p = commands.add_parser(
        "history",
        parents=[with_lang],
        help="list dataset versions, newest first",
        description="List every dataset version: who, when, file, checksum and counts.",
    )
    p.add_argument("--dataset", metavar="NAME", help="only this dataset")
    add_db_option(p)
    p.set_defaults(run=cmd_history)

    p = commands.add_parser(
        "diff",
        parents=[with_lang],
        help="show what a version added, changed and removed",
        description="Show the values a version added, changed or removed.",
    )
    p.add_argument("version", type=int, metavar="VERSION")
    add_db_option(p)
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
    add_db_option(p)
    p.set_defaults(run=cmd_rollback)

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
