"""The `nowcast` command: every country's figures in a Survey not yet published (or replayed), with intervals."""

from __future__ import annotations

import argparse

from indicators.cli.common import EXIT_USAGE, CommandError, Subcommands, add_db_option, check_output, open_store_or_error, write_output
from indicators.entities import load_countries
from indicators.i18n import digits, message
from indicators.outlook.briefing import stored_outlook
from indicators.outlook.forecast import ForecastError
from indicators.report.strings import integer, text


def cmd_nowcast(args: argparse.Namespace) -> int:
    lang = getattr(args, "lang", "en")
    if args.output:
        check_output(args.output)
    if not 0.5 <= args.coverage < 1:
        raise CommandError(f"--coverage {args.coverage}: give a share from 0.5 to below 1, e.g. 0.8", EXIT_USAGE)
    entity = load_countries().resolve(args.entity)
    if entity is None:
        raise CommandError(f"--entity {args.entity!r} is not a country the tool knows", EXIT_USAGE)
    outlook = stored_outlook(open_store_or_error(args))
    edition = args.edition if args.edition is not None else outlook.next_edition()
    try:
        made = outlook.nowcast(edition, args.data_until, args.coverage)
    except ForecastError as exc:
        raise CommandError(exc.message(lang)) from exc
    for line in outlook.notes(lang, edition, args.data_until):
        print(line)
    if entity in set(made.table["iso3"]):
        row = made.row(entity)
        shown = {name: digits(f"{row[name]:.4f}", lang) for name in ("egdi", "egdi_low", "egdi_high")}
        ranks = {name: integer(row[name], lang) for name in ("rank", "rank_low", "rank_high")}
        group = text(f"group_{str(row['group']).lower().replace(' ', '_')}", lang) if isinstance(row["group"], str) else "–"
        country = load_countries().name(entity, lang)
        how = str(row["how"])
        print(
            message(
                "nowcast_row",
                lang,
                country=country,
                edition=integer(edition, lang),
                group=group,
                asean=integer(row["asean_rank"], lang),
                how=how,
                **shown,
                **ranks,
            )
        )
    if args.output:
        write_output(made.table, args.output, attribute=True)
    return 0


def add_commands(commands: Subcommands[argparse.ArgumentParser], with_lang: argparse.ArgumentParser) -> None:
    p = commands.add_parser(
        "nowcast",
        parents=[with_lang],
        help="every country's TII, HCI, OSI, EGDI and rank in a Survey not yet published, with intervals",
        description="Nowcast edition E for every country: TII and HCI computed from the component data E's data years allow "
        "(a future edition uses the latest method file, its data years moved, and says so), OSI and EPI carried from the last "
        "Survey, then EGDI, rank, group, class and ASEAN rank over the field, each with an interval sized from the errors of "
        "the earlier editions replayed the same way. --data-until Y replays the past: only data published by the end of Y "
        "(a value of year t counts from t + its publisher's lag, or from its release date) and Surveys published by then. "
        "OUT has iso3, edition, tii, tii_low, tii_high, hci, ..., egdi, egdi_low, egdi_high, rank, rank_low, rank_high, "
        "asean_rank (with its range), group, rating_class and how (each sub-index computed or carried:<edition>).",
    )
    p.add_argument("--edition", type=int, metavar="E", help="the Survey edition (default: the one after the latest stored)")
    p.add_argument("--data-until", type=int, metavar="YEAR", help="only data and Surveys published by the end of YEAR")
    p.add_argument("--output", metavar="OUT", help="output file, .csv or .xlsx (one row per country)")
    p.add_argument("--coverage", type=float, default=0.8, metavar="SHARE", help="the intervals' nominal coverage (default 0.8)")
    p.add_argument("--entity", default="KHM", metavar="X", help="the country to print (default KHM)")
    add_db_option(p)
    p.set_defaults(run=cmd_nowcast)
