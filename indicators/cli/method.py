"""Method commands: `score` a tidy indicator file with one edition's method."""

from __future__ import annotations

import argparse

from indicators.cli.common import CommandError, Subcommands, check_output, methodology_or_error, refused_error, report_issues, write_output
from indicators.ingest.issues import Location, make_issue
from indicators.ingest.long_format import read_long
from indicators.method.methodology import available_editions
from indicators.method.scoring import RESULT_COLUMNS, score
from indicators.tidy import latest_values


def cmd_score(args: argparse.Namespace) -> int:
    check_output(args.output)
    methodology = methodology_or_error(args.edition)
    loaded = read_long(args.input)
    report_issues(loaded.issues, args.lang)
    if not loaded.ok:
        raise refused_error("score_refused", file=args.input)
    data = latest_values(loaded.tidy, args.year)
    codes = methodology.input_codes()
    if not data["indicator"].isin(codes).any():
        issue = make_issue("error", "no_scorable_data", Location(loaded.file), edition=methodology.edition, codes=", ".join(codes))
        raise CommandError(issue.message_km if args.lang == "km" else issue.message)
    result = score(data, methodology)
    write_output(result.entities[RESULT_COLUMNS], args.output)
    return 0


def add_commands(commands: Subcommands[argparse.ArgumentParser], with_lang: argparse.ArgumentParser) -> None:

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
