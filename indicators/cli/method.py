"""Method commands: `score` a tidy indicator file with one edition's method; `backtest` an edition's method against the
UN's published results, from the component data in the store."""

from __future__ import annotations

import argparse

from indicators.cli.common import (
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
from indicators.ingest.issues import Location, make_issue
from indicators.ingest.long_format import read_long
from indicators.method.backtest import Backtest, backtest
from indicators.method.methodology import available_editions
from indicators.method.scoring import RESULT_COLUMNS, score
from indicators.method.stored import stored_components, stored_published
from indicators.method.vintages import choose_releases
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


def print_backtest(result: Backtest) -> None:
    """Per sub-index: the agreement figures, then the worst countries with the cause found in the data."""
    for row in result.summary.to_dict("records"):
        print(
            f"{str(row['subindex']).upper()} {result.edition} ({result.methodology_id}): {row['countries']} countries compared; "
            f"correlation {row['correlation']:.4f}; |error| median {row['median_abs_error']:.4f}, "
            f"90th percentile {row['p90_abs_error']:.4f}; rank agreement (Spearman) {row['rank_correlation']:.4f}, "
            f"median rank difference {row['median_abs_rank_difference']:g}; lowest {row['lowest']} (published: "
            f"{row['lowest_published']}), highest {row['highest']} (published: {row['highest_published']})"
        )
        for item in result.worst[result.worst["subindex"] == row["subindex"]].to_dict("records"):
            cause = f": {item['cause']}" if item["cause"] else ""
            print(
                f"  {item['iso3']} reconstructed {item['reconstructed']:.4f}, published {item['published']:.4f}, "
                f"error {item['error']:+.4f}{cause}"
            )


def cmd_backtest(args: argparse.Namespace) -> int:
    if args.output:
        check_output(args.output)
    methodology = methodology_or_error(args.edition)
    store = open_store_or_error(args)
    published = stored_published(store, methodology.edition)
    if published.empty:
        raise CommandError(f"no published results are stored for {methodology.edition}; import the UN DESA file of that edition")
    codes = list(methodology.input_codes())
    components = choose_releases(stored_components(store, codes), as_of=methodology.edition)
    if components.empty:
        raise CommandError(f"no component data is stored for the {methodology.edition} method ({', '.join(codes)}); import it first")
    result = backtest(components, published, methodology)
    print_backtest(result)
    if args.output:
        write_output(result.rows, args.output, attribute=True)
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
        help=f"survey edition ({', '.join(map(str, available_editions()))}) or the path of a methodology file",
    )
    p.add_argument("--output", required=True, metavar="OUT", help="output file, .csv or .xlsx")
    p.add_argument("--year", type=int, metavar="Y", help="use each entity's latest value up to year Y (default: latest of all)")
    p.set_defaults(run=cmd_score)

    p = commands.add_parser(
        "backtest",
        parents=[with_lang],
        help="rebuild an edition's TII and HCI from the stored component data and compare with the published results",
        description="Rebuild the TII and HCI of every country with edition E's method and data year, from the international component "
        "data in the store (each country's series from the release out by the end of year E, else the earliest held; national "
        "tables are left out: the UN reads the publishers' series), and compare with the UN's published values: per sub-index "
        "the countries compared, the correlation, the median and 90th-percentile absolute error, the rank agreement, and the "
        "worst ten countries with the cause found in the data. OUT has iso3, edition, subindex, reconstructed, published, "
        "error, flags and the components used (value and year of each).",
    )
    p.add_argument("--edition", required=True, metavar="E", help=f"survey edition ({', '.join(map(str, available_editions()))})")
    p.add_argument("--output", metavar="OUT", help="output file, .csv or .xlsx (one row per country and sub-index)")
    add_db_option(p)
    p.set_defaults(run=cmd_backtest)
